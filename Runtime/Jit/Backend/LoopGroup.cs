// Loops that pass control to each other often, run in one piece of code. Passing from one compiled loop to another
// goes through the trampoline: the values through the frame, a return and an indirect call. When the trampoline sees
// a jump between two loops taken often, it asks the backend to join them (IJitBackend.JoinLoops): the backend
// compiles the loops (with their bridges) into one piece of code where those jumps are branches, and each member
// then runs it as its current version. A member whose own code changes (a new bridge, a merged version) dissolves
// the group: every member goes back to its own code, and the group may form again later with the new code.
namespace ClrPy.Runtime.Jit.Backend;

public sealed class LoopGroup
{
    private readonly CompiledLoop[] _members;

    private LoopGroup(CompiledLoop[] members) => _members = members;

    public IReadOnlyList<CompiledLoop> Members => _members;

    /// <summary>Whether the group still runs (no member got a new version since it was made).</summary>
    public bool Active { get; private set; } = true;

    /// <summary>
    /// Makes <paramref name="members"/> run <paramref name="versions"/> (the group's code entered as each member):
    /// the groups they were in before end (a bigger group replacing them does not count as a dissolution).
    /// </summary>
    public static LoopGroup Join(IReadOnlyList<CompiledLoop> members, IReadOnlyList<LoopVersion> versions)
    {
        if (members.Count != versions.Count || members.Count < 2)
            throw new ArgumentException("a group has two or more members, each with its version");
        foreach (var member in members)
            member.Group?.End(dissolved: false);
        var group = new LoopGroup([.. members]);
        for (int i = 0; i < members.Count; i++)
            members[i].EnterGroup(group, versions[i]);
        return group;
    }

    /// <summary>A member's own code changed: every member goes back to its own code (and counts a dissolution).
    /// Code running the group's finishes in it.</summary>
    public void Dissolve() => End(dissolved: true);

    private void End(bool dissolved)
    {
        if (!Active)
            return;
        Active = false;
        foreach (var member in _members)
            member.LeaveGroup(dissolved);
    }
}
