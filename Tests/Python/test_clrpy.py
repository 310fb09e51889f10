# Unit tests of lib/python/clrpy, the CPython stand-ins for RPy's JIT hints and rlib helpers.
# Run by Tests/Corpus/PythonPackageTests.cs as `python3 -m unittest discover -s Tests/Python`.
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "lib", "python"))

from clrpy import jit, rlib  # noqa: E402


class IntmaskTests(unittest.TestCase):
    def test_small_values_are_unchanged(self):
        self.assertEqual(rlib.intmask(42), 42)
        self.assertEqual(rlib.intmask(-42), -42)

    def test_values_past_the_top_wrap_to_negative(self):
        self.assertEqual(rlib.intmask(2 ** 63), -(2 ** 63))
        self.assertEqual(rlib.intmask(2 ** 64 + 5), 5)

    def test_r_uint_wraps_negative_to_large(self):
        self.assertEqual(rlib.r_uint(-1), 2 ** 64 - 1)
        self.assertEqual(rlib.r_uint(2 ** 64 + 3), 3)

    def test_r_uint_arithmetic_wraps_and_stays_unsigned(self):
        big = rlib.r_uint(-1)
        self.assertEqual(big + 1, 0)
        self.assertIsInstance(big * 3, rlib.r_uint)
        self.assertEqual(3 * big, 2 ** 64 - 3)
        self.assertEqual(big // 3, (2 ** 64 - 1) // 3)
        self.assertEqual(rlib.r_uint(1) << 64, 0)
        self.assertEqual(str(big), "18446744073709551615")

    def test_r_uint_compares_an_int_operand_as_unsigned(self):
        self.assertTrue(rlib.r_uint(3) < -1)
        self.assertTrue(rlib.r_uint(-1) == -1)
        self.assertEqual({rlib.r_uint(5): "x"}[5], "x")


class OvfcheckTests(unittest.TestCase):
    def test_fitting_values_are_returned(self):
        self.assertEqual(rlib.ovfcheck(2 ** 63 - 1), 2 ** 63 - 1)
        self.assertEqual(rlib.ovfcheck(-(2 ** 63)), -(2 ** 63))

    def test_values_outside_64_bits_raise_overflow(self):
        with self.assertRaises(OverflowError):
            rlib.ovfcheck(2 ** 63)
        with self.assertRaises(OverflowError):
            rlib.ovfcheck(-(2 ** 63) - 1)

    def test_we_are_not_translated_on_cpython(self):
        self.assertFalse(rlib.we_are_translated())


class JitDriverTests(unittest.TestCase):
    def setUp(self):
        self.driver = jit.JitDriver(greens=["pc", "code"], reds=["acc"])

    def test_merge_point_accepts_exactly_greens_and_reds(self):
        self.driver.jit_merge_point(pc=0, code="x", acc=1)
        self.driver.can_enter_jit(acc=1, code="x", pc=0)

    def test_missing_variable_is_a_type_error_naming_it(self):
        with self.assertRaises(TypeError) as raised:
            self.driver.jit_merge_point(pc=0, code="x")
        self.assertIn("acc", str(raised.exception))

    def test_unknown_variable_is_a_type_error(self):
        with self.assertRaises(TypeError):
            self.driver.can_enter_jit(pc=0, code="x", acc=1, extra=2)

    def test_a_name_both_green_and_red_is_rejected(self):
        with self.assertRaises(TypeError):
            jit.JitDriver(greens=["pc"], reds=["pc"])

    def test_virtualizables_must_be_reds(self):
        with self.assertRaises(TypeError):
            jit.JitDriver(greens=["pc"], reds=["frame"], virtualizables=["pc"])

    def test_printable_location_is_kept(self):
        driver = jit.JitDriver(greens=["pc"], reds=["acc"], get_printable_location=lambda pc: str(pc))
        self.assertEqual(driver.get_printable_location(3), "3")


class HintTests(unittest.TestCase):
    def test_decorators_return_the_function(self):
        def f(x):
            return x + 1
        self.assertIs(jit.elidable(f), f)
        self.assertIs(jit.dont_look_inside(f), f)
        self.assertIs(jit.unroll_safe(f), f)

    def test_promote_is_identity_and_we_are_not_jitted(self):
        obj = object()
        self.assertIs(jit.promote(obj), obj)
        self.assertFalse(jit.we_are_jitted())

    def test_set_param_accepts_known_names(self):
        driver = jit.JitDriver(greens=["pc"], reds=["acc"])
        jit.set_param(driver, "threshold", 7)
        jit.set_param(driver, "trace_limit", 100)
        self.assertEqual(driver.params["threshold"], 7)
        jit.set_param(driver, "off", None)
        self.assertEqual(driver.params["threshold"], -1)

    def test_set_param_rejects_unknown_names_and_wrong_types(self):
        driver = jit.JitDriver(greens=["pc"], reds=["acc"])
        with self.assertRaises(ValueError):
            jit.set_param(driver, "treshold", 7)
        with self.assertRaises(TypeError):
            jit.set_param(driver, "threshold", "7")
        with self.assertRaises(TypeError):
            jit.set_param(driver, "enable_opts", 3)

    def test_set_param_rejects_what_the_translated_jit_rejects(self):
        driver = jit.JitDriver(greens=["pc"], reds=["acc"])
        with self.assertRaises(ValueError):
            jit.set_param(driver, "trace_limit", -1)
        with self.assertRaises(ValueError):
            jit.set_param(driver, "enable_opts", "intbounds:fast")
        jit.set_param(driver, "enable_opts", "intbounds:rewrite:virtualize:unroll")
        jit.set_param(driver, "enable_opts", "Peeling:heap")
        self.assertEqual(driver.params["enable_opts"], "Peeling:heap")


if __name__ == "__main__":
    unittest.main()
