// Tests of Lattice.Union and Lattice.Contains: RPy's join rules, shared container items, class
// hierarchies and the origins carried into conflict diagnostics.
using System.Collections.Immutable;
using ClrPy.Frontend.Diagnostics;
using ClrPy.Frontend.Text;
using ClrPy.Translator.Annotation;
using AnnotationValue = ClrPy.Translator.Annotation.Annotation;

namespace ClrPy.Tests.Translator.Annotation;

public sealed class UnionTests
{
    private static readonly SourceText Source = new("prog.py", "x = 1\nx = 'a'\nys = [1]\n");

    private static SourceSpan At(int line, int column, int length = 1)
    {
        int start = Source.GetLineStart(line) + column - 1;
        return new SourceSpan(Source, start, start + length);
    }

    private static SomeList ListOf(AnnotationValue item) => new(new ListDef(item));

    private sealed class FakeFunction(string name) : PbcDesc
    {
        public override string Name => name;

        public override string UserName => $"function '{name}'";
    }

    private sealed class RecordingScheduler : IReflowScheduler
    {
        public List<object> Rescheduled { get; } = [];

        public void Reschedule(object readPosition) => Rescheduled.Add(readPosition);
    }

    [Test]
    public void Union_of_bool_and_int_is_int()
    {
        Assert.That(Lattice.Union(SomeBool.Instance, SomeInt.Instance), Is.EqualTo(SomeInt.Instance));
        Assert.That(Lattice.Union(SomeInt.Instance, SomeBool.Instance), Is.EqualTo(SomeInt.Instance));
    }

    [Test]
    public void Union_of_int_and_float_generalizes_to_float()
    {
        Assert.That(Lattice.Union(SomeInt.Instance, SomeFloat.Instance), Is.EqualTo(SomeFloat.Instance));
        Assert.That(Lattice.Union(SomeFloat.Instance, SomeBool.Instance), Is.EqualTo(SomeFloat.Instance));
    }

    [Test]
    public void Impossible_is_the_identity_of_union()
    {
        Assert.That(Lattice.Union(SomeImpossible.Instance, SomeFloat.Instance), Is.EqualTo(SomeFloat.Instance));
        Assert.That(Lattice.Union(SomeStr.Instance, SomeImpossible.Instance), Is.EqualTo(SomeStr.Instance));
    }

    [Test]
    public void Char_joins_str_to_str_and_None_to_a_nullable_str()
    {
        Assert.That(Lattice.Union(SomeChar.Instance, SomeStr.Instance), Is.EqualTo(SomeStr.Instance));
        Assert.That(Lattice.Union(SomeChar.Instance, SomeChar.Instance), Is.EqualTo(SomeChar.Instance));
        Assert.That(Lattice.Union(SomeChar.Instance, SomeNone.Instance), Is.EqualTo(new SomeStr(Nullable: true)));
    }

    [Test]
    public void None_makes_str_list_dict_instance_and_functions_nullable()
    {
        var root = new ClassDef("Node", null);
        var list = ListOf(SomeInt.Instance);
        var dict = new SomeDict(new DictDef(SomeStr.Instance, SomeInt.Instance));
        var function = new SomePbc(new FakeFunction("f"));
        Assert.That(Lattice.Union(SomeNone.Instance, SomeStr.Instance), Is.EqualTo(new SomeStr(true)));
        Assert.That(Lattice.Union(list, SomeNone.Instance), Is.EqualTo(list with { Nullable = true }));
        Assert.That(Lattice.Union(SomeNone.Instance, dict).CanBeNone, Is.True);
        Assert.That(Lattice.Union(new SomeInstance(root), SomeNone.Instance), Is.EqualTo(new SomeInstance(root, true)));
        Assert.That(Lattice.Union(function, SomeNone.Instance), Is.EqualTo(function with { Nullable = true }));
    }

    [TestCase("int")]
    [TestCase("float")]
    [TestCase("bool")]
    public void None_never_joins_a_number(string number)
    {
        AnnotationValue value = number switch
        {
            "int" => SomeInt.Instance,
            "float" => SomeFloat.Instance,
            _ => SomeBool.Instance,
        };
        var conflict = Assert.Throws<AnnotationConflict>(() => Lattice.Union(value, SomeNone.Instance))!;
        Assert.That(conflict.Message, Is.EqualTo($"value can be {number} or None"));
    }

    [Test]
    public void Union_of_int_and_str_reports_both_origins()
    {
        var fromInt = SomeInt.Instance.WithOrigin(At(1, 5));
        var fromStr = SomeStr.Instance.WithOrigin(At(2, 5, 3));
        var conflict = Assert.Throws<AnnotationConflict>(() => Lattice.Union(fromInt, fromStr))!;
        var diagnostic = TypeErrors.ConflictDiagnostic(conflict, At(2, 1), "variable 'x'");
        Assert.That(diagnostic.Headline, Is.EqualTo("prog.py:2:1: error: variable 'x' can be int or str"));
        Assert.That(diagnostic.Notes.Select(note => $"{note.Span}: {note.Message}"),
            Is.EqualTo(new[] { "prog.py:1:5: int comes from here", "prog.py:2:5: str comes from here" }));
        Assert.That(DiagnosticFormatter.Format(diagnostic), Does.Contain("prog.py:1:5: note: int comes from here\n    x = 1\n        ^"));
    }

    [Test]
    public void Origin_does_not_take_part_in_equality()
    {
        Assert.That(SomeInt.Instance.WithOrigin(At(1, 5)), Is.EqualTo(SomeInt.Instance));
        Assert.That(SomeBool.Instance, Is.Not.EqualTo(SomeInt.Instance));
    }

    [Test]
    public void Joining_two_lists_makes_them_share_one_item_type()
    {
        var ints = ListOf(SomeInt.Instance);
        var floats = ListOf(SomeFloat.Instance);
        var joined = (SomeList)Lattice.Union(ints, floats);
        Assert.That(ints.Def.Item, Is.EqualTo(SomeFloat.Instance));
        Assert.That(floats.Def.Item, Is.EqualTo(SomeFloat.Instance));
        Assert.That(joined, Is.EqualTo(ints).And.EqualTo(floats));
        ints.Def.Generalize(SomeBool.Instance);
        Assert.That(floats.Def.Item, Is.EqualTo(SomeFloat.Instance));
    }

    [Test]
    public void A_list_receiving_a_str_after_ints_is_a_list_item_conflict()
    {
        var list = ListOf(SomeInt.Instance.WithOrigin(At(3, 7)));
        var conflict = Assert.Throws<AnnotationConflict>(() => list.Def.Generalize(SomeStr.Instance.WithOrigin(At(2, 5, 3))))!;
        var diagnostic = TypeErrors.ConflictDiagnostic(conflict, At(2, 5), "variable 'ys'");
        Assert.That(diagnostic.Message, Is.EqualTo("list item can be int or str"));
        Assert.That(diagnostic.Notes, Has.Length.EqualTo(2));
    }

    [Test]
    public void Generalizing_a_shared_item_reschedules_the_readers_of_every_unified_list()
    {
        var scheduler = new RecordingScheduler();
        var first = new ListDef(SomeInt.Instance, scheduler);
        var second = new ListDef(SomeInt.Instance, scheduler);
        first.AddReader("reads first");
        second.AddReader("reads second");
        ListDef.Unify(first, second);
        Assert.That(scheduler.Rescheduled, Is.Empty, "same item type: nothing to re-flow");
        second.Generalize(SomeFloat.Instance);
        Assert.That(scheduler.Rescheduled, Is.EquivalentTo(new[] { "reads first", "reads second" }));
    }

    [Test]
    public void Joining_dicts_unifies_keys_and_values()
    {
        var left = new DictDef(SomeStr.Instance, SomeInt.Instance);
        var right = new DictDef(SomeChar.Instance, SomeFloat.Instance);
        Lattice.Union(new SomeDict(left), new SomeDict(right));
        Assert.That((left.Key, left.Value), Is.EqualTo(((AnnotationValue)SomeStr.Instance, (AnnotationValue)SomeFloat.Instance)));
        Assert.That(right.Key, Is.EqualTo(SomeStr.Instance));
        var conflict = Assert.Throws<AnnotationConflict>(() => left.Generalize(SomeInt.Instance, SomeFloat.Instance))!;
        Assert.That(conflict.Message, Is.EqualTo("dict key can be str or int"));
    }

    [Test]
    public void Tuples_join_position_by_position_and_only_at_equal_length()
    {
        var intStr = new SomeTuple([SomeBool.Instance, SomeChar.Instance]);
        var floatStr = new SomeTuple([SomeFloat.Instance, SomeStr.Instance]);
        Assert.That(Lattice.Union(intStr, floatStr), Is.EqualTo(floatStr));
        var conflict = Assert.Throws<AnnotationConflict>(() => Lattice.Union(intStr, new SomeTuple([SomeInt.Instance])))!;
        Assert.That(conflict.Reason, Is.EqualTo("tuples of different lengths"));
        conflict = Assert.Throws<AnnotationConflict>(() => Lattice.Union(intStr, new SomeTuple([SomeStr.Instance, SomeStr.Instance])))!;
        Assert.That(conflict.Subject, Is.EqualTo("tuple item 0"));
    }

    [Test]
    public void Instances_join_to_their_nearest_common_base()
    {
        var node = new ClassDef("Node", null);
        var leaf = new ClassDef("Leaf", node);
        var branch = new ClassDef("Branch", node);
        var bigBranch = new ClassDef("BigBranch", branch);
        Assert.That(Lattice.Union(new SomeInstance(leaf), new SomeInstance(bigBranch)), Is.EqualTo(new SomeInstance(node)));
        Assert.That(Lattice.Union(new SomeInstance(bigBranch, true), new SomeInstance(branch)), Is.EqualTo(new SomeInstance(branch, true)));
    }

    [Test]
    public void Instances_of_unrelated_classes_conflict_and_say_why()
    {
        var conflict = Assert.Throws<AnnotationConflict>(() =>
            Lattice.Union(new SomeInstance(new ClassDef("Cat", null)), new SomeInstance(new ClassDef("Car", null))))!;
        Assert.That(conflict.Message, Is.EqualTo("value can be Cat or Car"));
        Assert.That(conflict.Reason, Is.EqualTo("Cat and Car have no common base class"));
    }

    [Test]
    public void Functions_join_into_a_set_of_callables()
    {
        var f = new FakeFunction("f");
        var g = new FakeFunction("g");
        var joined = (SomePbc)Lattice.Union(new SomePbc(f), new SomePbc(g));
        Assert.That(joined.Descs, Is.EquivalentTo(new PbcDesc[] { f, g }));
        Assert.That(joined.UserName, Is.EqualTo("one of function 'f', function 'g'"));
    }

    [Test]
    public void Iterators_join_over_the_union_of_their_containers()
    {
        Assert.That(Lattice.Union(new SomeIterator(SomeChar.Instance), new SomeIterator(SomeStr.Instance)), Is.EqualTo(new SomeIterator(SomeStr.Instance)));
    }

    [Test]
    public void Str_and_list_have_no_union()
    {
        Assert.Throws<AnnotationConflict>(() => Lattice.Union(SomeStr.Instance, ListOf(SomeChar.Instance)));
        Assert.Throws<AnnotationConflict>(() => Lattice.Union(SomeFloat.Instance, SomeStr.Instance));
    }

    [Test]
    public void Contains_tells_whether_a_join_would_change_nothing()
    {
        var node = new ClassDef("Node", null);
        var leaf = new ClassDef("Leaf", node);
        Assert.That(Lattice.Contains(SomeInt.Instance, SomeBool.Instance), Is.True);
        Assert.That(Lattice.Contains(SomeBool.Instance, SomeInt.Instance), Is.False);
        Assert.That(Lattice.Contains(new SomeStr(true), SomeNone.Instance), Is.True);
        Assert.That(Lattice.Contains(new SomeInstance(node), new SomeInstance(leaf)), Is.True);
        Assert.That(Lattice.Contains(new SomeInstance(node), new SomeInstance(leaf, true)), Is.False);
    }

    [Test]
    public void User_names_read_like_source_annotations()
    {
        var nested = ListOf(new SomeDict(new DictDef(SomeStr.Instance, SomeFloat.Instance)));
        Assert.That(nested.UserName, Is.EqualTo("list[dict[str, float]]"));
        Assert.That(nested.ToString(), Is.EqualTo("list(dict(str, float))"));
        Assert.That(new SomeInstance(new ClassDef("Node", null), true).UserName, Is.EqualTo("Node or None"));
    }
}
