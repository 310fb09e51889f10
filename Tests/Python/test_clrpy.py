# Unit tests of the clrpy support package (lib/python/clrpy) on CPython; run by
# Tests/Corpus/PythonPackageTests.cs with `python3 -m unittest`.
import unittest

from clrpy import jit, rlib


class RlibTests(unittest.TestCase):
    def test_intmask_wraps_to_signed_64_bits(self):
        self.assertEqual(rlib.intmask(2 ** 63), -2 ** 63)
        self.assertEqual(rlib.intmask(-1), -1)
        self.assertEqual(rlib.intmask(2 ** 64 + 5), 5)

    def test_r_uint_wraps_to_unsigned_64_bits(self):
        self.assertEqual(rlib.r_uint(-1), 2 ** 64 - 1)

    def test_ovfcheck_passes_values_that_fit_and_raises_otherwise(self):
        self.assertEqual(rlib.ovfcheck(2 ** 63 - 1), 2 ** 63 - 1)
        self.assertEqual(rlib.ovfcheck(-2 ** 63), -2 ** 63)
        with self.assertRaises(OverflowError):
            rlib.ovfcheck(2 ** 63)
        with self.assertRaises(OverflowError):
            rlib.ovfcheck(-2 ** 63 - 1)

    def test_we_are_translated_is_false_on_cpython(self):
        self.assertFalse(rlib.we_are_translated())


class JitTests(unittest.TestCase):
    def setUp(self):
        self.driver = jit.JitDriver(greens=["pc"], reds=["acc"])

    def test_merge_point_accepts_exactly_the_declared_variables(self):
        self.driver.jit_merge_point(pc=0, acc=1)
        self.driver.can_enter_jit(pc=0, acc=1)

    def test_merge_point_reports_a_missing_red(self):
        with self.assertRaises(TypeError) as raised:
            self.driver.jit_merge_point(pc=0)
        self.assertIn("acc", str(raised.exception))

    def test_merge_point_reports_an_undeclared_variable(self):
        with self.assertRaises(TypeError):
            self.driver.can_enter_jit(pc=0, acc=1, other=2)

    def test_hints_are_identities(self):
        def f(x):
            return x + 1
        self.assertIs(jit.elidable(f), f)
        self.assertIs(jit.dont_look_inside(f), f)
        self.assertIs(jit.unroll_safe(f), f)
        self.assertEqual(jit.promote(7), 7)
        self.assertFalse(jit.we_are_jitted())

    def test_set_param_knows_the_parameters(self):
        jit.set_param(self.driver, "threshold", 100)
        jit.set_param(self.driver, "off", True)
        with self.assertRaises(ValueError):
            jit.set_param(self.driver, "treshold", 100)


if __name__ == "__main__":
    unittest.main()
