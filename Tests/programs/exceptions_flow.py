# Exceptions: a user hierarchy, builtin errors raised where CPython raises them, try/except/else/
# finally, re-raise, exceptions crossing several calls, and finally blocks running on every path.


class AppError(Exception):
    def __init__(self, message, code):
        Exception.__init__(self, message)
        self.message = message
        self.code = code


class NotFound(AppError):
    pass


class Invalid(AppError):
    pass


def lookup(table, key):
    if key not in table:
        raise NotFound("no " + key, 404)
    value = table[key]
    if value < 0:
        raise Invalid("negative " + key, 400)
    return value


def level3(n):
    if n == 0:
        raise ValueError("zero at level 3")
    return 100 // n


def level2(n):
    return level3(n) + 1


def level1(n):
    try:
        return level2(n)
    finally:
        print("level1 finally for", n)


def classify(table, key):
    try:
        v = lookup(table, key)
    except NotFound as e:
        return "not found: %s (%d)" % (e.message, e.code)
    except AppError as e:
        return "app error: %s (%d)" % (e.message, e.code)
    else:
        return "ok: %d" % v
    finally:
        print("classified", key)


def reraise(n):
    try:
        level3(n)
    except ValueError:
        print("reraising")
        raise


def builtin_errors():
    xs = [1, 2, 3]
    d = {"a": 1}
    results = []
    try:
        results.append(xs[3])
    except IndexError:
        print("IndexError")
    try:
        results.append(d["b"])
    except KeyError:
        print("KeyError")
    try:
        results.append(10 // (len(xs) - 3))
    except ZeroDivisionError:
        print("ZeroDivisionError //")
    try:
        results.append(10 % (len(xs) - 3))
    except ZeroDivisionError:
        print("ZeroDivisionError %")
    try:
        print(1.0 / float(len(xs) - 3))
    except ZeroDivisionError:
        print("ZeroDivisionError /")
    try:
        results.append(int("12x"))
    except ValueError:
        print("ValueError int")
    try:
        results.append(ord("abc"[5]))
    except IndexError:
        print("IndexError str")
    try:
        assert len(xs) == 4, "xs has three items"
    except AssertionError:
        print("AssertionError")
    print(results)


def main(argv):
    table = {"a": 1, "b": -2}
    print(classify(table, "a"))
    print(classify(table, "b"))
    print(classify(table, "c"))
    print(level1(5))
    try:
        level1(0)
    except ValueError as e:
        print("caught from depth:", str(e))
    try:
        reraise(0)
    except ValueError:
        print("caught re-raised")
    try:
        raise Invalid("direct", 1)
    except NotFound:
        print("wrong handler")
    except Exception:
        print("generic handler")
    builtin_errors()
    count = 0
    for i in range(5):
        try:
            if i % 2 == 0:
                continue
            if i == 3:
                break
            count += 10
        finally:
            count += 1
    print("count", count)
    try:
        try:
            raise RuntimeError("inner")
        except KeyError:
            print("not here")
    except RuntimeError as e:
        print("outer caught", str(e))
    e2 = NotFound("x", 1)
    print(isinstance(e2, AppError), isinstance(e2, Invalid), isinstance(e2, Exception))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(main(sys.argv))
