namespace ServiceBot.Bench;

/// <summary>
/// C simulated customers pulling conversation numbers until <c>count</c> are done; each conversation adds its turn
/// latencies and returns null, or says why it failed (counted once as an error; the first three are printed).
/// </summary>
internal static class BenchCustomers
{
    public static async Task<(List<double> Latencies, int Errors)> RunAsync(int count, int concurrency,
        Func<int, List<double>, Task<string?>> conversation)
    {
        var latencies = new List<double>(count * 8);
        var errors = 0;
        var next = -1;
        async Task Customer()
        {
            var mine = new List<double>();
            for (var n = Interlocked.Increment(ref next); n < count; n = Interlocked.Increment(ref next))
            {
                if (await conversation(n, mine) is { } failure && Interlocked.Increment(ref errors) <= 3)
                {
                    Console.Error.WriteLine($"conversation {n}: {failure}");
                }
            }

            lock (latencies)
            {
                latencies.AddRange(mine);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Customer)));
        return (latencies, errors);
    }
}
