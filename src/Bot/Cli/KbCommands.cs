using System.CommandLine;
using System.Globalization;
using ServiceBot.Bot.Hosting;
using ServiceBot.Knowledge.Evaluation;
using ServiceBot.Knowledge.Loading;
using ServiceBot.Knowledge.Model;
using ServiceBot.Knowledge.Search;

namespace ServiceBot.Bot.Cli;

/// <summary><c>kb lint</c> and <c>kb eval</c>: the editors' checks (design.md §3).</summary>
internal static class KbCommands
{
    public static Command Create(ConsoleIo io, Option<string?> pathOption, Option<string?> langOption)
    {
        var kb = new Command("kb", "Check and measure the knowledge base.");
        kb.Subcommands.Add(Lint(io, pathOption));
        kb.Subcommands.Add(Eval(io, pathOption, langOption));
        return kb;
    }

    private static Command Lint(ConsoleIo io, Option<string?> pathOption)
    {
        var command = new Command("lint", "Report problems as path:line: severity: message; exit 1 on any error.") { pathOption };
        command.SetAction(parse =>
        {
            var root = BotConfiguration.Knowledge(BotConfiguration.Load(), parse.GetValue(pathOption)).ResolvePath();
            var source = KnowledgeLoader.Load(root);
            foreach (var problem in source.Problems)
            {
                io.Out.WriteLine(problem);
            }

            var errors = source.Problems.Count(p => p.Severity == Severity.Error);
            var warnings = source.Problems.Count - errors;
            io.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{source.Entries.Count} entries, {errors} error(s), {warnings} warning(s) in {root}"));
            return errors > 0 ? 1 : 0;
        });
        return command;
    }

    private static Command Eval(ConsoleIo io, Option<string?> pathOption, Option<string?> langOption)
    {
        var file = new Option<FileInfo>("--file") { Description = "JSONL lines {\"q\": ..., \"expect\": \"<id>\" | \"none\"}.", Required = true };
        var minTop1 = new Option<double?>("--min-top1") { Description = "Exit 1 when top-1 accuracy in scope is below this (0-1)." };
        var minReject = new Option<double?>("--min-reject") { Description = "Exit 1 when the share of out-of-scope questions declined is below this (0-1)." };
        var calibrate = new Option<bool>("--calibrate") { Description = "Fit the confidence model on this file and write calibration.yaml into the knowledge folder." };
        var byStyle = new Option<bool>("--by-style") { Description = "Also print the figures per style (the lines' \"style\" or \"kind\")." };
        var command = new Command("eval", "Measure answer quality on a question set.") { file, minTop1, minReject, calibrate, byStyle, pathOption, langOption };
        command.SetAction(parse =>
        {
            if (!KnowledgeCommandBase.TryParseLanguage(parse.GetValue(langOption), io, out var locale))
            {
                return 2;
            }

            IReadOnlyList<EvalCase> cases;
            try
            {
                cases = EvalCase.ReadFile(parse.GetValue(file)!.FullName);
            }
            catch (Exception e) when (e is FormatException or IOException)
            {
                io.Error.WriteLine("error: " + e.Message);
                return 2;
            }

            using var knowledge = KnowledgeCommandBase.LoadOrReport(parse.GetValue(pathOption), io);
            if (knowledge is null)
            {
                return 1;
            }

            var report = KnowledgeEvaluator.Evaluate(knowledge, cases, locale);
            if (parse.GetValue(calibrate))
            {
                var model = ConfidenceModel.Fit(report.CalibrationSamples);
                var target = Path.Combine(BotConfiguration.Knowledge(BotConfiguration.Load(), parse.GetValue(pathOption)).ResolvePath(), ConfidenceModel.FileName);
                File.WriteAllText(target, model.ToYaml());
                var refit = EvalReport.ExpectedCalibrationError(report.CalibrationSamples.Select(s => (model.Confidence(s.Features), s.Correct)));
                io.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"wrote {target}: {model}; expected calibration error on this file {report.CalibrationError:0.000} before, {refit:0.000} refitted"));
            }

            Print(io.Out, report, parse.GetValue(byStyle));
            var failed = (parse.GetValue(minTop1) is { } top1 && report.Top1Rate < top1)
                || (parse.GetValue(minReject) is { } reject && report.RejectRate < reject);
            return failed ? 1 : 0;
        });
        return command;
    }

    private static void Print(TextWriter output, EvalReport report, bool byStyle)
    {
        var c = CultureInfo.InvariantCulture;
        var all = report.Overall;
        output.WriteLine(string.Create(c, $"lines: {all.Lines} ({all.InScope} in scope, {all.OutOfScope} out of scope)"));
        output.WriteLine(string.Create(c, $"answered right:          {all.AnsweredRightRate,6:P1}  ({all.AnsweredRight}/{all.InScope} in scope: answered with a right entry)"));
        output.WriteLine(string.Create(c, $"right within one click:  {all.WithinOneClickRate,6:P1}  ({all.WithinOneClick}/{all.InScope}: answered right, or a \"did you mean\" that lists a right entry)"));
        output.WriteLine(string.Create(c, $"confidently wrong:       {all.ConfidentlyWrongRate,6:P1}  ({all.ConfidentlyWrong}/{all.Lines} of all lines: a wrong entry, or an answer to an out-of-scope question)"));
        output.WriteLine(string.Create(c, $"out of scope declined:   {all.DeclinedRate,6:P1}  ({all.DeclinedOutOfScope}/{all.OutOfScope})"));
        output.WriteLine(string.Create(c, $"ranking: top-1 {report.Top1Rate:P1}, top-3 {report.Top3Rate:P1}; declined questions out of scope {report.RejectPrecision:P1}"));
        output.WriteLine(string.Create(c, $"calibration: expected calibration error {report.CalibrationError:0.000} (top candidate, 10 bins)"));
        PrintTable(output, "language", report.ByLanguage);
        if (byStyle)
        {
            PrintTable(output, "style", report.ByStyle);
        }

        if (report.Misses.Count > 0)
        {
            output.WriteLine("misses:");
            foreach (var miss in report.Misses)
            {
                output.WriteLine(string.Create(c,
                    $"  [{miss.Case.Style}] {miss.Case.Question}  expected {miss.Case.Expect}, got {miss.TopId ?? "-"} ({miss.Outcome.ToString().ToLowerInvariant()} {miss.Confidence:0.00})"));
            }
        }
    }

    private static void PrintTable(TextWriter output, string title, IReadOnlyList<EvalTally> rows)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine(string.Create(c, $"{title,-14} {"lines",5} {"right",7} {"1-click",7} {"wrong",7} {"declined",8}"));
        foreach (var row in rows)
        {
            var declined = row.OutOfScope == 0 ? "-" : row.DeclinedRate.ToString("P0", c);
            var inScope = row.InScope == 0;
            output.WriteLine(string.Create(c,
                $"{row.Group,-14} {row.Lines,5} {(inScope ? "-" : row.AnsweredRightRate.ToString("P0", c)),7} {(inScope ? "-" : row.WithinOneClickRate.ToString("P0", c)),7} {row.ConfidentlyWrongRate,7:P1} {declined,8}"));
        }

        output.WriteLine();
    }
}
