using System.Buffers;
using StackExchange.Redis;

namespace ServiceBot.Handoff.Redis;

/// <summary>
/// Builds every Redis key and channel name. Ids become part of key names only after <see cref="RequireSafeId"/>:
/// a ':' or a brace in an id could make two ids share a key or move a key out of its hash slot. Keys of one
/// conversation share a hash tag ({c:id}) so multi-key scripts stay in one cluster slot.
/// </summary>
public sealed class RedisKeys(string prefix)
{
    /// <summary>What an id may be made of: letters, digits and - _ . @ | (no ':' or braces), 1 to 128 of them.</summary>
    public const int MaxIdLength = 128;

    private static readonly SearchValues<char> IdCharacters =
        SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_.@|");

    public string Prefix { get; } = prefix;

    /// <summary>The key the health check writes and reads back.</summary>
    public string HealthProbe => Prefix + "health:probe";

    /// <summary>Published with "ticket conversationId" when a conversation is free for that ticket.</summary>
    public RedisChannel TurnReleased => RedisChannel.Literal(Prefix + "turn-released");

    /// <summary>Published with "lastSequence conversationId" when a conversation's transcript grows.</summary>
    public RedisChannel TranscriptAppended => RedisChannel.Literal(Prefix + "transcript-appended");

    public ConversationKeys Conversation(string conversationId) => new($"{Prefix}{{c:{RequireSafeId(conversationId, "conversation id")}}}");

    public RefundKeys Refunds => new(Prefix);

    public HandoffKeys Handoff => new(Prefix);

    /// <summary>Failed agent logins of one login (a counter that expires with its window); the login is hashed.</summary>
    public RedisKey AgentLoginFailuresOfLogin(string login) => Prefix + "agent-login-failures:login:" + Digest(login);

    /// <summary>Failed agent logins from one client address (a counter that expires with its window); the address is hashed.</summary>
    public RedisKey AgentLoginFailuresOfAddress(string address) => Prefix + "agent-login-failures:address:" + Digest(address);

    /// <summary>Any text as a key part: hex SHA-256 of its UTF-8 (no ':' or braces, fixed length, nothing to read back).</summary>
    private static string Digest(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    public static bool IsSafeId(string? id) =>
        id is { Length: > 0 and <= MaxIdLength } && !id.AsSpan().ContainsAnyExcept(IdCharacters);

    /// <summary>The id itself when it is safe in a key name; otherwise an <see cref="ArgumentException"/>.</summary>
    public static string RequireSafeId(string id, string what) =>
        IsSafeId(id) ? id : throw new ArgumentException($"A {what} is 1-{MaxIdLength} letters, digits or - _ . @ |.", nameof(id));
}

/// <summary>Every key of one conversation; they share one hash tag, so one script may touch them all.</summary>
public readonly record struct ConversationKeys(string Base)
{
    /// <summary>The dialog state (JSON).</summary>
    public RedisKey State => Base + ":state";

    /// <summary>The customer the conversation belongs to.</summary>
    public RedisKey Owner => Base + ":owner";

    /// <summary>The last ticket handed out (INCR), one per arriving message.</summary>
    public RedisKey Ticket => Base + ":ticket";

    /// <summary>The ticket whose turn it is.</summary>
    public RedisKey Serving => Base + ":serving";

    /// <summary>Held (with a TTL) by the ticket whose turn is running.</summary>
    public RedisKey Lease => Base + ":lease";

    /// <summary>Sorted set of waiting tickets scored by when their waiter must show signs of life again (unix ms).</summary>
    public RedisKey Waiters => Base + ":waiters";

    /// <summary>The transcript: a stream of activities (JSON without their id) whose entry ids are 0-&lt;sequence&gt;; capped.</summary>
    public RedisKey Transcript => Base + ":transcript";

    /// <summary>The transcript's last sequence number (INCRBY); expires with the transcript.</summary>
    public RedisKey TranscriptSequence => Base + ":transcript-seq";

    /// <summary>The context snapshot an agent sees on taking the conversation (JSON written by the host); expires.</summary>
    public RedisKey HandoffContext => Base + ":handoff-context";

    /// <summary>Who may speak to the customer when it is not the bot ("agent:login"); expires with the transcript.</summary>
    public RedisKey Floor => Base + ":floor";

    /// <summary>One uploaded file (a hash: type, name, data), named by its random id.</summary>
    public RedisKey Attachment(string attachmentId) => Base + ":attachment:" + RedisKeys.RequireSafeId(attachmentId, "attachment id");
}
