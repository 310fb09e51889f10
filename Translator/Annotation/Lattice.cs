// The union (join) of two annotations, with RPy's rules. Called by the annotator whenever two values
// meet (a block input, a container item, an attribute, a call argument, a return value).
//
// Rules, in order:
//   impossible ∪ x = x; x ∪ x = x
//   bool ⊂ int; int ∪ float = float (RPython's choice: an int that meets a float is converted, so
//     `total = 0` followed by `total += 0.5` is one float variable)
//   char ⊂ str; None ∪ (str | list | dict | instance | PBC) = its nullable form;
//     None never joins int, float, bool, char or tuple
//   list ∪ list unifies their ListDefs (one shared item type); likewise dict ∪ dict
//   tuple ∪ tuple of the same length joins position by position
//   instance ∪ instance = instance of the nearest common base class (a conflict when there is none)
//   PBC ∪ PBC = the union of the sets (call sites check that signatures agree)
//   anything else is a conflict (AnnotationConflict, turned into a diagnostic by the annotator)
// The result keeps the origin of the operand that made it most general.
using System.Collections.Immutable;

namespace ClrPy.Translator.Annotation;

public static class Lattice
{
    /// <summary>Joins two annotations; throws <see cref="AnnotationConflict"/> when RPy has no union.</summary>
    /// <param name="subject">Names the thing being joined in a conflict (<c>list item</c>), or null.</param>
    public static Annotation Union(Annotation left, Annotation right, string? subject = null)
    {
        if (left is SomeImpossible)
            return right;
        if (right is SomeImpossible || left == right)
            return left;
        if (left is SomeNone leftNone)
            return WithNone(right, leftNone, subject);
        if (right is SomeNone rightNone)
            return WithNone(left, rightNone, subject);
        switch (left, right)
        {
            case (SomeUnsigned, SomeInt):
                return left;
            case (SomeInt, SomeUnsigned):
                return right;
            case (SomeBool, SomeInt):
                return right;
            case (SomeInt, SomeBool):
                return left;
            case (SomeInt, SomeFloat):
                return right;
            case (SomeFloat, SomeInt):
                return left;
            case (SomeChar, SomeStr):
                return right;
            case (SomeStr, SomeChar):
                return left;
            case (SomeStr a, SomeStr b):
                return a.Nullable ? left : right;
            case (SomeList a, SomeList b):
                ListDef.Unify(a.Def, b.Def);
                return a.Nullable || !b.Nullable ? left : right;
            case (SomeDict a, SomeDict b):
                DictDef.Unify(a.Def, b.Def);
                return a.Nullable || !b.Nullable ? left : right;
            case (SomeTuple a, SomeTuple b) when a.Items.Length == b.Items.Length:
                return UnionTuples(a, b, subject);
            case (SomeInstance a, SomeInstance b):
                return UnionInstances(a, b, subject);
            case (SomeIterator a, SomeIterator b):
                // an iterator over whatever either container is (a char and a str give an iterator over str)
                return new SomeIterator(Union(a.Container, b.Container, subject)) { Origin = b.Origin ?? a.Origin };
            case (SomePbc a, SomePbc b):
                return new SomePbc(a.Descs.Union(b.Descs), a.Nullable || b.Nullable) { Origin = b.Origin ?? a.Origin };
        }
        AnnotationConflict.Throw(left, right, subject, left is SomeTuple && right is SomeTuple ? "tuples of different lengths" : null);
        return null;
    }

    /// <summary>True when <paramref name="general"/> already covers <paramref name="specific"/>, without
    /// unifying any containers (used to check source annotations and to test for a fixpoint).</summary>
    public static bool Contains(Annotation general, Annotation specific)
    {
        if (specific is SomeImpossible || general == specific)
            return true;
        if (specific is SomeNone)
            return general.CanBeNone;
        return (general, specific) switch
        {
            (SomeBool, _) => false,
            (SomeUnsigned, SomeInt) => true,
            (SomeInt, SomeUnsigned) => false,
            (SomeInt, SomeBool) => true,
            (SomeFloat, SomeInt) => true,
            (SomeStr g, SomeStr s) => g.Nullable || !s.Nullable,
            (SomeStr, SomeChar) => true,
            (SomeIterator g, SomeIterator s) => Contains(g.Container, s.Container),
            (SomeList g, SomeList s) => (g.Nullable || !s.Nullable) && g.Def.Find() == s.Def.Find(),
            (SomeDict g, SomeDict s) => (g.Nullable || !s.Nullable) && g.Def.Find() == s.Def.Find(),
            (SomeTuple g, SomeTuple s) => g.Items.Length == s.Items.Length && g.Items.Zip(s.Items).All(pair => Contains(pair.First, pair.Second)),
            (SomeInstance g, SomeInstance s) => (g.Nullable || !s.Nullable) && s.Class.IsSubclassOf(g.Class),
            (SomePbc g, SomePbc s) => (g.Nullable || !s.Nullable) && s.Descs.IsSubsetOf(g.Descs),
            _ => false,
        };
    }

    private static Annotation WithNone(Annotation value, SomeNone none, string? subject)
    {
        Annotation result = value switch
        {
            SomeImpossible => none,
            SomeNone => value,
            SomeStr str => str.Nullable ? str : str with { Nullable = true },
            SomeChar => new SomeStr(Nullable: true) { Origin = value.Origin },
            SomeList list => list.Nullable ? list : list with { Nullable = true },
            SomeDict dict => dict.Nullable ? dict : dict with { Nullable = true },
            SomeInstance instance => instance.Nullable ? instance : instance with { Nullable = true },
            SomePbc pbc => pbc.Nullable ? pbc : pbc with { Nullable = true },
            _ => Conflict(value, none, subject),
        };
        return result;
    }

    private static Annotation Conflict(Annotation value, SomeNone none, string? subject)
    {
        AnnotationConflict.Throw(value, none, subject, $"None cannot be mixed with {value.UserName}");
        return null;
    }

    private static Annotation UnionTuples(SomeTuple left, SomeTuple right, string? subject)
    {
        var items = ImmutableArray.CreateBuilder<Annotation>(left.Items.Length);
        bool sameAsLeft = true;
        for (int i = 0; i < left.Items.Length; i++)
        {
            var item = Union(left.Items[i], right.Items[i], subject is null ? $"tuple item {i}" : $"{subject} (tuple item {i})");
            sameAsLeft &= item == left.Items[i];
            items.Add(item);
        }
        return sameAsLeft ? left : new SomeTuple(items.MoveToImmutable()) { Origin = right.Origin ?? left.Origin };
    }

    private static Annotation UnionInstances(SomeInstance left, SomeInstance right, string? subject)
    {
        var common = ClassDef.CommonBase(left.Class, right.Class);
        if (common is null)
            AnnotationConflict.Throw(left, right, subject, $"{left.Class.Name} and {right.Class.Name} have no common base class");
        bool nullable = left.Nullable || right.Nullable;
        if (common == left.Class && nullable == left.Nullable)
            return left;
        if (common == right.Class && nullable == right.Nullable)
            return right;
        return new SomeInstance(common, nullable) { Origin = right.Origin ?? left.Origin };
    }
}
