// What the annotator infers for each construct: arithmetic, calls joining arguments and returning
// results, recursion, containers shared between aliases, attributes, methods and narrowing.
using ClrPy.Translator.Annotation;

namespace ClrPy.Tests.Translator.Annotation;

public sealed class InferenceTests
{
    [Test]
    public void Arithmetic_on_ints_is_int_and_true_division_is_float()
    {
        var program = Annotating.Program("""
            def half(n):
                return n / 2

            def main(argv):
                x = len(argv) * 3 + 1
                print(half(x))
                return x
            """);
        Assert.That(program.Result("main"), Is.EqualTo(SomeInt.Instance));
        Assert.That(program.Result("half"), Is.EqualTo(SomeFloat.Instance));
    }

    [Test]
    public void Arguments_from_every_call_site_are_joined()
    {
        var program = Annotating.Program("""
            def scale(value):
                return value * 2

            def main(argv):
                print(scale(3))
                print(scale(1.5))
                return 0
            """);
        Assert.That(program.Parameter("scale", 0), Is.EqualTo(SomeFloat.Instance));
        Assert.That(program.Result("scale"), Is.EqualTo(SomeFloat.Instance));
    }

    [Test]
    public void A_recursive_function_gets_its_result_from_its_base_case()
    {
        var program = Annotating.Program("""
            def fib(n):
                if n < 2:
                    return n
                return fib(n - 1) + fib(n - 2)

            def main(argv):
                return fib(20)
            """);
        Assert.That(program.Result("fib"), Is.EqualTo(SomeInt.Instance));
    }

    [Test]
    public void Default_and_keyword_arguments_reach_their_parameters()
    {
        var program = Annotating.Program("""
            def greet(name, punctuation="!"):
                return name + punctuation

            def main(argv):
                print(greet(argv[0]))
                print(greet(name="ann", punctuation="?!"))
                return 0
            """);
        Assert.That(program.Parameter("greet", 1), Is.EqualTo(SomeStr.Instance), "\"!\" is a char, \"?!\" a str");
        Assert.That(program.Result("greet"), Is.EqualTo(SomeStr.Instance));
    }

    [Test]
    public void A_list_shares_its_item_type_with_every_alias()
    {
        var program = Annotating.Program("""
            def fill(items):
                items.append(2.5)

            def main(argv):
                numbers = []
                numbers.append(1)
                fill(numbers)
                total = 0.0
                for n in numbers:
                    total += n
                print(total)
                return len(numbers)
            """);
        var list = (SomeList)program.Parameter("fill", 0)!;
        Assert.That(list.Def.Item, Is.EqualTo(SomeFloat.Instance));
    }

    [Test]
    public void Dict_keys_and_values_are_inferred_from_stores()
    {
        var program = Annotating.Program("""
            def build():
                counts = {}
                counts["a"] = 1
                return counts

            def main(argv):
                counts = build()
                for word in argv:
                    counts[word] = counts.get(word, 0) + 1
                return len(counts)
            """);
        var dict = (SomeDict)program.Result("build")!;
        Assert.That((dict.Def.Key, dict.Def.Value), Is.EqualTo(((ClrPy.Translator.Annotation.Annotation)SomeStr.Instance, (ClrPy.Translator.Annotation.Annotation)SomeInt.Instance)));
    }

    [Test]
    public void A_loop_over_a_result_that_generalizes_from_char_to_str_is_re_flowed()
    {
        var program = Annotating.Program("""
            def to_str(parts):
                if not parts:
                    return "0"
                return "".join(parts)

            def digit_sum(parts):
                total = 0
                for ch in to_str(parts):
                    total += ord(ch) - ord("0")
                return total

            def main(argv):
                return digit_sum(argv)
            """);
        Assert.That(program.Result("to_str"), Is.EqualTo(SomeStr.Instance));
        Assert.That(program.Result("digit_sum"), Is.EqualTo(SomeInt.Instance));
    }

    [Test]
    public void Tuples_keep_a_type_per_position()
    {
        var program = Annotating.Program("""
            def pair(n):
                return (n, str(n))

            def main(argv):
                number, text = pair(4)
                print(text)
                return number
            """);
        Assert.That(program.Result("pair"), Is.EqualTo(new SomeTuple([SomeInt.Instance, SomeStr.Instance])));
        Assert.That(program.Result("main"), Is.EqualTo(SomeInt.Instance));
    }

    [Test]
    public void Instance_attributes_are_recorded_on_their_class()
    {
        var program = Annotating.Program("""
            class Counter:
                def __init__(self):
                    self.count = 0

                def bump(self):
                    self.count += 1
                    return self.count

            def main(argv):
                c = Counter()
                return c.bump()
            """);
        var counter = program.Bookkeeper.ClassDefs.Single(cls => cls.Name == "Counter");
        Assert.That(counter.Attributes["count"].Annotation, Is.EqualTo(SomeInt.Instance));
        Assert.That(program.Result("Counter.bump"), Is.EqualTo(SomeInt.Instance));
    }

    [Test]
    public void An_attribute_read_through_a_base_class_moves_up_to_the_base()
    {
        var program = Annotating.Program("""
            class Shape:
                pass

            class Square(Shape):
                def __init__(self, side):
                    self.size = side * side

            class Circle(Shape):
                def __init__(self, radius):
                    self.size = 3.0 * radius * radius

            def size_of(shape):
                return shape.size

            def main(argv):
                shapes = [Square(2), Circle(1)]
                for s in shapes:
                    print(size_of(s))
                return 0
            """);
        var shape = program.Bookkeeper.ClassDefs.Single(cls => cls.Name == "Shape");
        var square = program.Bookkeeper.ClassDefs.Single(cls => cls.Name == "Square");
        Assert.That(shape.Attributes["size"].Annotation, Is.EqualTo(SomeFloat.Instance));
        Assert.That(square.Attributes.ContainsKey("size"), Is.False);
        Assert.That(program.Result("size_of"), Is.EqualTo(SomeFloat.Instance));
    }

    [Test]
    public void A_method_called_through_a_base_class_reaches_every_override()
    {
        var program = Annotating.Program("""
            class Animal:
                def sound(self):
                    return "..."

            class Dog(Animal):
                def sound(self):
                    return "woof"

            def main(argv):
                animals = [Animal(), Dog()]
                for a in animals:
                    print(a.sound())
                return 0
            """);
        Assert.That(program.Parameter("Dog.sound", 0), Is.EqualTo(new SomeInstance(program.Bookkeeper.ClassDefs.Single(cls => cls.Name == "Dog"))));
        Assert.That(program.Result("Dog.sound"), Is.EqualTo(SomeStr.Instance));
    }

    [Test]
    public void Functions_and_bound_methods_are_first_class_values()
    {
        var program = Annotating.Program("""
            def double(n):
                return n * 2

            def square(n):
                return n * n

            class Adder:
                def __init__(self, k):
                    self.k = k

                def add(self, n):
                    return n + self.k

            def main(argv):
                op = double
                if len(argv) > 1:
                    op = square
                method = Adder(5).add
                return op(3) + method(4)
            """);
        Assert.That(program.Parameter("square", 0), Is.EqualTo(SomeInt.Instance));
        Assert.That(program.Result("Adder.add"), Is.EqualTo(SomeInt.Instance));
        Assert.That(program.Result("main"), Is.EqualTo(SomeInt.Instance));
    }

    [Test]
    public void Isinstance_narrows_the_variable_where_it_is_true()
    {
        var program = Annotating.Program("""
            class Node:
                pass

            class Leaf(Node):
                def __init__(self, value):
                    self.value = value

            def value_of(node):
                if isinstance(node, Leaf):
                    return node.value
                return 0

            def main(argv):
                nodes = [Node(), Leaf(7)]
                total = 0
                for n in nodes:
                    total += value_of(n)
                return total
            """);
        Assert.That(program.Result("value_of"), Is.EqualTo(SomeInt.Instance));
        var node = program.Bookkeeper.ClassDefs.Single(cls => cls.Name == "Node");
        Assert.That(node.Attributes.ContainsKey("value"), Is.False, "the read inside the isinstance branch is on Leaf");
    }

    [Test]
    public void A_test_against_None_narrows_to_the_non_nullable_type()
    {
        var program = Annotating.Program("""
            class Link:
                def __init__(self, value, rest):
                    self.value = value
                    self.rest = rest

            def length(link):
                n = 0
                while link is not None:
                    n += 1
                    link = link.rest
                return n

            def main(argv):
                chain = Link(1, Link(2, None))
                return length(chain)
            """);
        var link = program.Bookkeeper.ClassDefs.Single(cls => cls.Name == "Link");
        Assert.That(link.Attributes["rest"].Annotation, Is.EqualTo(new SomeInstance(link, Nullable: true)));
        Assert.That(program.Result("length"), Is.EqualTo(SomeInt.Instance));
    }

    [Test]
    public void Exceptions_caught_by_a_handler_are_instances_of_the_handled_class()
    {
        var program = Annotating.Program("""
            class ParseError(Exception):
                def __init__(self, where):
                    self.where = where

            def parse(text):
                if len(text) == 0:
                    raise ParseError(0)
                return int(text)

            def main(argv):
                try:
                    return parse(argv[0])
                except ParseError as e:
                    return e.where
            """);
        Assert.That(program.Result("main"), Is.EqualTo(SomeInt.Instance));
    }

    [Test]
    public void The_annotated_dump_shows_each_variables_type()
    {
        var program = Annotating.Program("""
            def main(argv):
                n = len(argv)
                return n + 1
            """);
        string dump = program.Dump();
        Assert.That(dump, Does.Contain("graph main(v0_argv: list(str))"));
        Assert.That(dump, Does.Contain(": int = len("));
    }
}
