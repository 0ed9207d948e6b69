using ServiceBot.Bot.Refunds;

namespace ServiceBot.Bot.Tests.Refunds;

public sealed class InMemoryRefundStoreTests : RefundStoreContract
{
    protected override Task<IRefundStore> CreateStoreAsync() => Task.FromResult<IRefundStore>(new InMemoryRefundStore());
}
