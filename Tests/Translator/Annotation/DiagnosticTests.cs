// Every type error the annotator reports, as the user sees it: a located message naming both types
// and notes saying where each came from.
namespace ClrPy.Tests.Translator.Annotation;

public sealed class DiagnosticTests
{
    private static string Headline(string program) => Annotating.Error(program).Headline;

    [Test]
    public void A_variable_that_can_be_int_or_str_names_both_origins()
    {
        var diagnostic = Annotating.Error("""
            def main(argv):
                x = len(argv)
                if x > 1:
                    x = argv[1]
                print(x)
                return 0
            """);
        Assert.That(diagnostic.Message, Is.EqualTo("variable 'x' can be int or str"));
        Assert.That(diagnostic.Notes.Select(note => note.Message), Is.EquivalentTo(new[] { "int comes from here", "str comes from here" }));
        Assert.That(diagnostic.Notes.Select(note => note.Span!.Value.Line), Is.EquivalentTo(new[] { 2, 4 }));
    }

    [Test]
    public void Constants_carried_by_links_are_traced_back_to_their_assignments()
    {
        var diagnostic = Annotating.Error("""
            def main(argv):
                x = 1
                if len(argv) > 1:
                    x = "a"
                print(x)
                return 0
            """);
        Assert.That(diagnostic.Headline, Is.EqualTo("prog.py:4:13: error: variable 'x' can be int or str"));
        Assert.That(diagnostic.Notes.Select(note => $"{note.Span}: {note.Message}"),
            Is.EqualTo(new[] { "prog.py:2:9: int comes from here", "prog.py:4:13: str comes from here" }));
    }

    [Test]
    public void A_list_receiving_a_str_after_ints_is_reported_at_the_append()
    {
        Assert.That(Headline("""
            def main(argv):
                numbers = [1, 2]
                numbers.append(argv[0])
                return 0
            """), Is.EqualTo("prog.py:3:5: error: list item can be int or str"));
    }

    [Test]
    public void A_missing_attribute_is_reported_at_the_read()
    {
        Assert.That(Headline("""
            class Point:
                def __init__(self):
                    self.x = 1

            def main(argv):
                return Point().y
            """), Is.EqualTo("prog.py:6:12: error: Point has no attribute 'y'"));
    }

    [Test]
    public void A_call_with_too_many_arguments_says_how_many_were_expected()
    {
        Assert.That(Headline("""
            def f(a, b):
                return a + b

            def main(argv):
                return f(1, 2, 3)
            """), Is.EqualTo("prog.py:5:12: error: f() takes 2 arguments but 3 were given"));
    }

    [Test]
    public void A_call_with_too_few_arguments_is_reported()
    {
        Assert.That(Headline("""
            def f(a, b):
                return a + b

            def main(argv):
                return f(1)
            """), Is.EqualTo("prog.py:5:12: error: f() takes 2 arguments but 1 was given"));
    }

    [Test]
    public void Calling_an_int_is_reported()
    {
        Assert.That(Annotating.Error("""
            def main(argv):
                n = 3
                return n()
            """).Message, Is.EqualTo("int is not callable"));
    }

    [Test]
    public void An_unknown_str_method_is_reported()
    {
        Assert.That(Annotating.Error("""
            def main(argv):
                return len(argv[0].shout())
            """).Message, Is.EqualTo("str has no method 'shout'"));
    }

    [Test]
    public void An_unknown_dict_method_is_reported()
    {
        Assert.That(Annotating.Error("""
            def main(argv):
                d = {"a": 1}
                d.add(2)
                return 0
            """).Message, Is.EqualTo("dict[str, int] has no method 'add'"));
    }

    [Test]
    public void None_mixed_with_int_is_reported()
    {
        var diagnostic = Annotating.Error("""
            def find(items, wanted):
                for i in items:
                    if i == wanted:
                        return i
                return None

            def main(argv):
                print(find([1, 2], 2))
                return 0
            """);
        Assert.That(diagnostic.Message, Does.Match("can be (int or None|None or int)"));
        Assert.That(diagnostic.Notes.Last().Message, Is.EqualTo("None cannot be mixed with int"));
    }

    [Test]
    public void A_declared_parameter_type_is_checked_against_inference()
    {
        Assert.That(Annotating.Error("""
            def twice(n: int) -> int:
                return len(n) * 2

            def main(argv: list[str]) -> int:
                return twice(argv[0])
            """).Message, Is.EqualTo("parameter 'n' of twice() is str but is declared int"));
    }

    [Test]
    public void A_declared_result_type_is_checked_against_inference()
    {
        Assert.That(Annotating.Error("""
            def name(argv: list[str]) -> int:
                return argv[0]

            def main(argv: list[str]) -> int:
                print(name(argv))
                return 0
            """).Message, Is.EqualTo("the result of name() is str but is declared int"));
    }

    [Test]
    public void A_declared_local_variable_type_is_checked_against_every_value_it_holds()
    {
        Assert.That(Annotating.Error("""
            def main(argv):
                count: int = 0
                for arg in argv:
                    count = count + len(arg) / 2
                return 0
            """).Message, Is.EqualTo("variable 'count' is float but is declared int"));
    }

    [Test]
    public void Overrides_with_different_signatures_cannot_be_called_through_the_base()
    {
        Assert.That(Annotating.Error("""
            class Shape:
                def area(self):
                    return 0

            class Square(Shape):
                def area(self, scale):
                    return 4 * scale

            def main(argv):
                shapes = [Shape(), Square()]
                return shapes[0].area()
            """).Message, Is.EqualTo("method 'area' is called through Shape but its overrides have different signatures"));
    }

    [Test]
    public void Functions_with_different_signatures_cannot_be_called_through_one_variable()
    {
        var diagnostic = Annotating.Error("""
            def one(a):
                return a

            def two(a, b):
                return a + b

            def main(argv):
                f = one
                if len(argv) > 1:
                    f = two
                return f(1)
            """);
        Assert.That(diagnostic.Message, Is.EqualTo("the functions that can be called here have different signatures"));
        Assert.That(diagnostic.Notes.Select(note => note.Message), Is.EqualTo(new[] { "one() takes 1 parameter", "two() takes 2 parameters" }));
    }

    [Test]
    public void Instances_of_unrelated_classes_cannot_share_a_variable()
    {
        var diagnostic = Annotating.Error("""
            class Cat:
                pass

            class Car:
                pass

            def main(argv):
                pet = Cat()
                if len(argv) > 1:
                    pet = Car()
                return 0 if pet is None else 1
            """);
        Assert.That(diagnostic.Message, Does.Match("variable 'pet' can be (Cat or Car|Car or Cat)"));
    }
}
