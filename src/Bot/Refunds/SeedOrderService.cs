using System.Collections.Frozen;
using System.Text.Json;

namespace ServiceBot.Bot.Refunds;

/// <summary>
/// The demo customers' orders from orders.seed.json, read-only and in memory. Dates are computed from the
/// injected clock on every call, so "delivered 2 days ago" stays 2 days ago however long the service runs.
/// </summary>
public sealed class SeedOrderService : IOrderService
{
    public const string FileName = "orders.seed.json";

    private readonly FrozenDictionary<string, SeedOrder[]> _byCustomer;
    private readonly TimeProvider _time;

    public SeedOrderService(IEnumerable<SeedOrder> orders, TimeProvider time)
    {
        _byCustomer = orders.GroupBy(o => o.CustomerId, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _time = time;
    }

    /// <summary>The seed file copied beside the program.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Refunds", FileName);

    public static SeedOrderService Load(string path, TimeProvider time)
    {
        using var stream = File.OpenRead(path);
        var file = JsonSerializer.Deserialize(stream, RefundJsonContext.Default.SeedFile)
            ?? throw new InvalidDataException($"{path}: the file is empty");
        Validate(path, file.Orders);
        return new SeedOrderService(file.Orders, time);
    }

    public Task<IReadOnlyList<Order>> RecentOrdersAsync(string customerId, int count, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        IReadOnlyList<Order> orders = Seed(customerId)
            .OrderBy(o => o.OrderedDaysAgo)
            .Take(Math.Max(count, 0))
            .Select(o => o.ToOrder(now))
            .ToArray();
        return Task.FromResult(orders);
    }

    public Task<Order?> FindAsync(string customerId, string orderId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Seed(customerId).FirstOrDefault(o => o.Id == orderId)?.ToOrder(_time.GetUtcNow()));

    private SeedOrder[] Seed(string customerId) => _byCustomer.GetValueOrDefault(customerId) ?? [];

    private static void Validate(string path, IReadOnlyList<SeedOrder> orders)
    {
        var problems = orders
            .Where(o => o.Id.Length != 12 || !o.Id.All(char.IsAsciiDigit))
            .Select(o => $"order id '{o.Id}' is not 12 digits")
            .Concat(orders.GroupBy(o => (o.CustomerId, o.Id)).Where(g => g.Count() > 1)
                .Select(g => $"order id '{g.Key.Id}' appears twice for customer '{g.Key.CustomerId}'"))
            .Concat(orders.Where(o => (o.Status == OrderStatus.Delivered) != (o.DeliveredDaysAgo is not null))
                .Select(o => $"order '{o.Id}': deliveredDaysAgo is required for Delivered orders and only for them"))
            .ToList();
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"{path}: {string.Join("; ", problems)}");
        }
    }
}
