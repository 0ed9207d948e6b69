using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ServiceBot.Bot.Refunds;

namespace ServiceBot.Bot.Tests.Refunds;

/// <summary>The merchant and platform APIs over real HTTP against the real host and Redis.</summary>
public sealed class RefundApiTests(RefundApiFixture service) : IClassFixture<RefundApiFixture>
{
    private const string Digital = RefundApiFixture.DigitalKey;
    private const string Apparel = RefundApiFixture.ApparelKey;
    private const string Platform = RefundApiFixture.PlatformKey;

    [Fact]
    public async Task Reject_then_platform_approval_return_receipt_and_payout()
    {
        var (customer, id) = await SubmitHeadphonesAsync();

        using (var rejected = await Send(HttpMethod.Post, $"/api/merchant/refunds/{id}/reject", Digital, """{"reason":"商品无质量问题"}""", HttpStatusCode.OK))
        {
            Assert.Equal("MerchantRejected", rejected.RootElement.GetProperty("state").GetString());
            Assert.Equal("商品无质量问题", rejected.RootElement.GetProperty("rejectReason").GetString());
            Assert.False(rejected.RootElement.TryGetProperty("conversationId", out _));
        }

        await service.Refunds.RequestInterventionAsync(customer, id, "耳机左侧无声");
        using (var decided = await Send(HttpMethod.Post, $"/api/platform/refunds/{id}/decide", Platform, """{"approve":true,"note":"凭证充分"}""", HttpStatusCode.OK))
        {
            Assert.Equal("AwaitingReturn", decided.RootElement.GetProperty("state").GetString());
        }

        await service.Refunds.ShipReturnAsync(customer, id, "顺丰速运", "SF1234567890");
        using (var received = await Send(HttpMethod.Post, $"/api/merchant/refunds/{id}/confirm-receipt", Digital, null, HttpStatusCode.OK))
        {
            Assert.Equal("Refunding", received.RootElement.GetProperty("state").GetString());
        }

        using (var completed = await Send(HttpMethod.Post, $"/api/platform/refunds/{id}/complete", Platform, null, HttpStatusCode.OK))
        {
            Assert.Equal("Refunded", completed.RootElement.GetProperty("state").GetString());
            Assert.Equal(JsonValueKind.String, completed.RootElement.GetProperty("refundedAt").ValueKind);
            Assert.Equal(10, completed.RootElement.GetProperty("history").GetArrayLength() + 1);
        }

        using var list = await Send(HttpMethod.Get, "/api/merchant/refunds?state=refunded", Digital, null, HttpStatusCode.OK);
        Assert.Contains(list.RootElement.GetProperty("requests").EnumerateArray(), r => r.GetProperty("id").GetString() == id);
        Assert.All(list.RootElement.GetProperty("requests").EnumerateArray(), r => Assert.Equal("Refunded", r.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Agreeing_twice_is_a_conflict_with_the_reason()
    {
        var (_, id) = await SubmitShoesAsync();

        using (var agreed = await Send(HttpMethod.Post, $"/api/merchant/refunds/{id}/agree", Apparel, null, HttpStatusCode.OK))
        {
            Assert.Equal("Refunding", agreed.RootElement.GetProperty("state").GetString());
        }

        using var conflict = await Send(HttpMethod.Post, $"/api/merchant/refunds/{id}/agree", Apparel, null, HttpStatusCode.Conflict);
        Assert.Equal($"Refund request {id} is Refunding; it cannot move to MerchantAgreed.", conflict.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_counter_offer_is_recorded()
    {
        var (_, id) = await SubmitHeadphonesAsync();

        using var offered = await Send(HttpMethod.Post, $"/api/merchant/refunds/{id}/counter-offer", Digital,
            """{"amount":300.5,"exchange":false,"note":"部分退款"}""", HttpStatusCode.OK);

        Assert.Equal("MerchantCounterOffer", offered.RootElement.GetProperty("state").GetString());
        Assert.Equal(300.5m, offered.RootElement.GetProperty("counterOffer").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task A_merchant_lists_and_sees_only_its_own_requests()
    {
        var (_, mine) = await SubmitShoesAsync();
        var (_, theirs) = await SubmitHeadphonesAsync();

        using var list = await Send(HttpMethod.Get, "/api/merchant/refunds", Apparel, null, HttpStatusCode.OK);
        var ids = list.RootElement.GetProperty("requests").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();

        Assert.Contains(mine, ids);
        Assert.DoesNotContain(theirs, ids);
        (await Send(HttpMethod.Get, $"/api/merchant/refunds/{mine}", Apparel, null, HttpStatusCode.OK)).Dispose();
        (await Send(HttpMethod.Get, $"/api/merchant/refunds/{theirs}", Apparel, null, HttpStatusCode.NotFound)).Dispose();
        (await Send(HttpMethod.Post, $"/api/merchant/refunds/{theirs}/agree", Apparel, null, HttpStatusCode.NotFound)).Dispose();
        Assert.Equal(RefundState.Submitted, (await service.Refunds.GetAsync(theirs))!.State);
    }

    [Theory]
    [InlineData("GET", "/api/merchant/refunds", null)]
    [InlineData("GET", "/api/merchant/refunds", "wrong-key")]
    [InlineData("GET", "/api/merchant/refunds", Platform)]
    [InlineData("POST", "/api/merchant/refunds/R20240620000001/agree", "")]
    [InlineData("POST", "/api/merchant/refunds/R20240620000001/reject", "test-digital-key-7f3")]
    [InlineData("POST", "/api/platform/refunds/R20240620000001/decide", Digital)]
    [InlineData("POST", "/api/platform/refunds/R20240620000001/complete", null)]
    [InlineData("GET", "/api/platform/refunds/R20240620000001", "TEST-PLATFORM-KEY-C4D8")]
    public async Task Missing_or_wrong_keys_get_401(string method, string path, string? key)
    {
        using var json = await Send(new HttpMethod(method), path, key, "not even json", HttpStatusCode.Unauthorized);

        Assert.Contains("X-Api-Key", json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/merchant/refunds/R20240101999999/agree", Digital)]
    [InlineData("/api/platform/refunds/R20240101999999/complete", Platform)]
    public async Task Unknown_requests_get_404(string path, string key)
    {
        using var json = await Send(HttpMethod.Post, path, key, null, HttpStatusCode.NotFound);

        Assert.Contains("R20240101999999", json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reject", null, "Content-Type: application/json")]
    [InlineData("reject", "{\"reason\":", "not valid JSON")]
    [InlineData("reject", "null", "must be a JSON object")]
    [InlineData("reject", "{\"reason\":\"  \"}", "reason is required")]
    [InlineData("reject", "{\"reason\":42}", "not valid JSON")]
    [InlineData("counter-offer", "{}", "an amount or an exchange")]
    [InlineData("counter-offer", "{\"amount\":-5}", "more than 0")]
    [InlineData("counter-offer", "{\"amount\":5000}", "less than the 1899.00")]
    public async Task Bad_merchant_bodies_get_400(string action, string? body, string detail)
    {
        var (_, id) = await SubmitHeadphonesAsync();

        using var json = await Send(HttpMethod.Post, $"/api/merchant/refunds/{id}/{action}", Digital, body, HttpStatusCode.BadRequest);

        Assert.Contains(detail, json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(RefundState.Submitted, (await service.Refunds.GetAsync(id))!.State);
    }

    [Theory]
    [InlineData("/api/merchant/refunds?state=3", Digital, "state must be one of")]
    [InlineData("/api/merchant/refunds?state=Nope", Digital, "state must be one of")]
    public async Task Bad_list_filters_get_400(string path, string key, string detail)
    {
        using var json = await Send(HttpMethod.Get, path, key, null, HttpStatusCode.BadRequest);

        Assert.Contains(detail, json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_platform_decision_needs_approve_and_a_denial_is_final()
    {
        var (customer, id) = await SubmitHeadphonesAsync();
        await service.Refunds.MerchantRejectAsync("m-digital", id, "no");
        await service.Refunds.RequestInterventionAsync(customer, id, "please");

        (await Send(HttpMethod.Post, $"/api/platform/refunds/{id}/decide", Platform, """{"note":"?"}""", HttpStatusCode.BadRequest)).Dispose();
        using var denied = await Send(HttpMethod.Post, $"/api/platform/refunds/{id}/decide", Platform, """{"approve":false,"note":"证据不足"}""", HttpStatusCode.OK);
        Assert.Equal("Denied", denied.RootElement.GetProperty("state").GetString());
        (await Send(HttpMethod.Post, $"/api/platform/refunds/{id}/complete", Platform, null, HttpStatusCode.Conflict)).Dispose();
        using var read = await Send(HttpMethod.Get, $"/api/platform/refunds/{id}", Platform, null, HttpStatusCode.OK);
        Assert.Equal("证据不足", read.RootElement.GetProperty("history")[3].GetProperty("note").GetString());
    }

    [Theory]
    [InlineData("reject", "reason", "{{\"reason\":\"{0}\"}}")]
    [InlineData("counter-offer", "note", "{{\"exchange\":true,\"note\":\"{0}\"}}")]
    public async Task Merchant_text_over_the_limit_is_refused_naming_the_field_and_nothing_changes(string action, string field, string bodyFormat)
    {
        var (_, id) = await SubmitHeadphonesAsync();
        var body = string.Format(System.Globalization.CultureInfo.InvariantCulture, bodyFormat, new string('差', 1001));

        using var refused = await Send(HttpMethod.Post, $"/api/merchant/refunds/{id}/{action}", Digital, body, HttpStatusCode.BadRequest);

        Assert.Equal((field, 1000), (refused.RootElement.GetProperty("field").GetString(), refused.RootElement.GetProperty("limit").GetInt32()));
        Assert.Equal(RefundState.Submitted, (await service.Refunds.GetAsync(id))!.State);
        var atLimit = string.Format(System.Globalization.CultureInfo.InvariantCulture, bodyFormat, new string('差', 1000));
        (await Send(HttpMethod.Post, $"/api/merchant/refunds/{id}/{action}", Digital, atLimit, HttpStatusCode.OK)).Dispose();
    }

    [Fact]
    public async Task A_platform_note_over_the_limit_is_refused()
    {
        var (customer, id) = await SubmitHeadphonesAsync();
        await service.Refunds.MerchantRejectAsync("m-digital", id, "no");
        await service.Refunds.RequestInterventionAsync(customer, id, "please");

        using var refused = await Send(HttpMethod.Post, $"/api/platform/refunds/{id}/decide", Platform,
            "{\"approve\":true,\"note\":\"" + new string('x', 1001) + "\"}", HttpStatusCode.BadRequest);

        Assert.Equal("note", refused.RootElement.GetProperty("field").GetString());
        Assert.Equal(RefundState.PlatformReview, (await service.Refunds.GetAsync(id))!.State);
    }

    [Fact]
    public async Task A_28_MB_reason_is_refused_with_413_before_it_is_read()
    {
        var (_, id) = await SubmitHeadphonesAsync();
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/merchant/refunds/{id}/reject", UriKind.Relative))
        {
            Content = new StringContent("{\"reason\":\"" + new string('a', 28 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json"),
        };
        message.Headers.Add("X-Api-Key", Digital);
        message.Headers.ExpectContinue = true; // the server answers before the body is sent

        using var response = await service.Client.SendAsync(message);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(RefundState.Submitted, (await service.Refunds.GetAsync(id))!.State);
    }

    [Theory]
    [InlineData("customer:c-api-001")]
    [InlineData("seq:20261203")]
    [InlineData("deadlines")]
    [InlineData("merchant:m-digital")]
    [InlineData("R2026120300000%3Ax")]
    public async Task An_id_that_is_not_a_request_id_is_404_on_every_endpoint_not_500(string id)
    {
        await SubmitHeadphonesAsync(); // so keys named like the ids above exist
        (await Send(HttpMethod.Get, $"/api/merchant/refunds/{id}", Digital, null, HttpStatusCode.NotFound)).Dispose();
        (await Send(HttpMethod.Post, $"/api/merchant/refunds/{id}/agree", Digital, null, HttpStatusCode.NotFound)).Dispose();
        (await Send(HttpMethod.Get, $"/api/platform/refunds/{id}", Platform, null, HttpStatusCode.NotFound)).Dispose();
        (await Send(HttpMethod.Post, $"/api/platform/refunds/{id}/complete", Platform, null, HttpStatusCode.NotFound)).Dispose();
    }

    private async Task<(string Customer, string RequestId)> SubmitHeadphonesAsync()
    {
        var customer = service.NewCustomer();
        var request = await service.Refunds.SubmitAsync(new RefundDraft(customer, RefundApiFixture.Headphones, RefundType.ReturnAndRefund,
            RefundReason.QualityIssue, null, 1899.00m, [], "conv-api"));
        return (customer, request.Id);
    }

    private async Task<(string Customer, string RequestId)> SubmitShoesAsync()
    {
        var customer = service.NewCustomer();
        var request = await service.Refunds.SubmitAsync(new RefundDraft(customer, RefundApiFixture.Shoes, RefundType.RefundOnly,
            RefundReason.Other, "不想要了", 369.00m, [], "conv-api"));
        return (customer, request.Id);
    }

    /// <summary>Sends, checks the status (and the problem media type for errors), and returns the JSON body.</summary>
    private async Task<JsonDocument> Send(HttpMethod method, string path, string? key, string? body, HttpStatusCode expected)
    {
        using var message = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (key is not null)
        {
            message.Headers.Add("X-Api-Key", key);
        }

        if (body is not null)
        {
            message.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await service.Client.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {path}: expected {expected}, got {response.StatusCode}: {text}");
        Assert.Equal(response.IsSuccessStatusCode ? "application/json" : "application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text);
    }
}
