// CLRPYLOG values: category lists, "*", the file part, and the bad values that turn the log off with one warning.
using ClrPy.Runtime.Jit.Logging;

namespace ClrPy.Tests.Runtime.Jit.Logging;

public sealed class JitLogSpecTests
{
    [Test]
    public void Categories_before_the_colon_are_turned_on_and_the_rest_is_the_file()
    {
        var spec = JitLogSpec.Parse("jit-tracing, jit-backend,jit-summary:out/log.txt");
        Assert.That(spec, Is.EqualTo(new JitLogSpec(JitLogCategory.Tracing | JitLogCategory.Backend | JitLogCategory.Summary, "out/log.txt", null)));
    }

    [Test]
    public void Star_turns_on_every_category()
    {
        var spec = JitLogSpec.Parse("*:log.txt");
        Assert.That(spec.Categories, Is.EqualTo(JitLogCategory.All));
        foreach (var category in Enum.GetValues<JitLogCategory>())
        {
            if (category is not (JitLogCategory.None or JitLogCategory.All))
                Assert.That(spec.Categories.HasFlag(category), category.ToString());
        }
    }

    [TestCase(JitLogCategory.Tracing, "jit-tracing")]
    [TestCase(JitLogCategory.Optimize, "jit-optimize")]
    [TestCase(JitLogCategory.Backend, "jit-backend")]
    [TestCase(JitLogCategory.Summary, "jit-summary")]
    [TestCase(JitLogCategory.Abort, "jit-abort")]
    [TestCase(JitLogCategory.Guard, "jit-guard")]
    [TestCase(JitLogCategory.Blackhole, "jit-blackhole")]
    public void Each_category_is_named_like_its_section(JitLogCategory category, string name)
    {
        Assert.That(JitLogSpec.NameOf(category), Is.EqualTo(name));
        Assert.That(JitLogSpec.Parse(name + ":f").Categories, Is.EqualTo(category));
    }

    [Test]
    public void A_path_with_a_drive_colon_stays_whole() =>
        Assert.That(JitLogSpec.Parse(@"jit-summary:C:\logs\jit.txt").Path, Is.EqualTo(@"C:\logs\jit.txt"));

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void No_value_means_off(string? value) => Assert.That(JitLogSpec.Parse(value), Is.EqualTo(JitLogSpec.Off));

    [TestCase("log.txt", "is not CATEGORIES:FILE")]
    [TestCase("jit-summary:", "names no file")]
    [TestCase("jit-sumary:log.txt", "unknown category 'jit-sumary' (known: *, jit-tracing, ")]
    [TestCase("jit-tracing,,jit-backend:log.txt", "has an empty category")]
    public void Bad_values_say_what_is_wrong(string value, string message)
    {
        var spec = JitLogSpec.Parse(value);
        Assert.That(spec.Categories, Is.EqualTo(JitLogCategory.None));
        Assert.That(spec.Error, Does.Contain(message));
    }

    [Test]
    public void A_bad_value_gives_one_warning_line_and_a_log_that_is_off()
    {
        var warnings = new StringWriter();
        using var log = JitLog.FromSpec("jit-everything:log.txt", warnings);
        Assert.That(warnings.ToString(), Is.EqualTo(
            "clrpy: warning: CLRPYLOG: unknown category 'jit-everything' (known: *, " + JitLogSpec.KnownNames + "); the JIT log is off\n"));
        Assert.That(log.IsEnabled(JitLogCategory.All), Is.False);
        log.GuardFailed(3, "Loop0");
        Assert.That(log.Counters.GuardFailureCount, Is.EqualTo(1));
    }

    [Test]
    public void A_file_that_cannot_be_created_gives_a_warning_not_a_crash()
    {
        string path = Path.Combine(Path.GetTempPath(), "clrpy-no-such-dir-" + Guid.NewGuid().ToString("N"), "log.txt");
        var warnings = new StringWriter();
        using var log = JitLog.FromSpec("*:" + path, warnings);
        Assert.That(warnings.ToString(), Does.StartWith($"clrpy: warning: CLRPYLOG: cannot write '{path}': ").And.EndWith("; the JIT log is off\n"));
        Assert.That(log.IsEnabled(JitLogCategory.Summary), Is.False);
    }

    [Test]
    public void A_good_value_creates_the_file_and_dispose_writes_it()
    {
        string path = Path.GetTempFileName();
        try
        {
            var warnings = new StringWriter();
            using (var log = JitLog.FromSpec("jit-backend:" + path, warnings))
            {
                Assert.That(log.IsEnabled(JitLogCategory.Backend) && !log.IsEnabled(JitLogCategory.Tracing));
                log.LoopCompiled("Loop0", 12, TimeSpan.FromMicroseconds(250));
            }
            Assert.That(warnings.ToString(), Is.Empty);
            Assert.That(File.ReadAllText(path), Does.Match(@"^\[[0-9a-f]+\] \{jit-backend\nloop-compiled: loop=Loop0 ops=12 us=250\n\[[0-9a-f]+\] jit-backend\}\n$"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
