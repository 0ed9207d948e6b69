using ServiceBot.Bench;

// dotnet run --project bench -c Release -- <bench> [--option value ...]; prints ONE JSON line (design.md §3).
var options = BenchOptions.Parse(args.Skip(1));
return args.FirstOrDefault() switch
{
    "kb" => KnowledgeBench.Run(options),
    "refund" => await RefundBench.RunAsync(options),
    "directline" => await DirectLineBench.RunAsync(options),
    "handoff" => await HandoffBench.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: bench kb [--entries 1000] [--queries 10000] [--seed 1]");
    Console.Error.WriteLine("       bench refund [--concurrency 50] [--conversations 2000] [--warmup 2000] --redis HOST:PORT");
    Console.Error.WriteLine("       bench directline [--concurrency 50] [--conversations 1000] [--warmup 1000] --redis HOST:PORT");
    Console.Error.WriteLine("       bench handoff [--concurrency 50] [--waiting 10000] [--warmup 2000] --redis HOST:PORT");
    return 2;
}
