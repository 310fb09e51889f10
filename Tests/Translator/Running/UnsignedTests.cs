// r_uint: unsigned machine words, against CPython running clrpy.rlib's emulation.
namespace ClrPy.Tests.Translator.Running;

public sealed class UnsignedTests
{
    [Test]
    public void Unsigned_words_print_divide_shift_and_compare_unsigned()
    {
        Snippets.AssertLikeCpython("""
            from clrpy.rlib import intmask, r_uint

            FNV_PRIME = 1099511628211

            def fnv(text):
                h = r_uint(-3750763034362895579)
                for ch in text:
                    h = h ^ r_uint(ord(ch))
                    h = r_uint(h * r_uint(FNV_PRIME))
                return h

            def main(argv):
                big = r_uint(-1)
                print(big, r_uint(5), big // r_uint(3), big % r_uint(10), big >> 60, r_uint(1) << 63)
                print(big > r_uint(5), r_uint(3) < r_uint(4), big == r_uint(-1), intmask(big), intmask(r_uint(1) << 63))
                h = fnv("hello")
                print(h, intmask(h), h % r_uint(1000), "%d" % intmask(h & r_uint(65535)), str(h) == str(h))
                total = r_uint(0)
                for i in range(5):
                    total += r_uint(i) * big
                print(total, float(r_uint(1) << 63) > 0.0)
                return 0
            """);
    }
}
