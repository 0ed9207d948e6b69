using System.Security.Cryptography;
using ServiceBot.Bot.Conversations;
using ServiceBot.Handoff.Redis;
using StackExchange.Redis;

namespace ServiceBot.Bot.Channels.DirectLine;

/// <summary>A file a customer uploaded into a conversation.</summary>
public sealed record UploadedFile(string ContentType, string Name, byte[] Data);

/// <summary>
/// Files uploaded through Direct Line, kept in Redis beside the conversation (same hash tag, same idle lifetime),
/// read back only by a token of that conversation. Images are recognised by their bytes, never by name or claim.
/// </summary>
public sealed class UploadedFiles(RedisConnection redis, ConversationOptions options)
{
    private static readonly (string Type, byte[] Magic, int Offset)[] ImageSignatures =
    [
        ("image/jpeg", [0xFF, 0xD8, 0xFF], 0),
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], 0),
        ("image/gif", "GIF8"u8.ToArray(), 0),
        ("image/webp", "WEBP"u8.ToArray(), 8),
    ];

    /// <summary>The image type the bytes are, or null when they are no image we take.</summary>
    public static string? ImageTypeOf(ReadOnlySpan<byte> data)
    {
        foreach (var (type, magic, offset) in ImageSignatures)
        {
            if (data.Length >= offset + magic.Length && data.Slice(offset, magic.Length).SequenceEqual(magic)
                && (type != "image/webp" || data[..4].SequenceEqual("RIFF"u8)))
            {
                return type;
            }
        }

        return null;
    }

    /// <summary>A name fit to show: no folders, no control characters, at most 100 characters.</summary>
    public static string SafeName(string? name)
    {
        var leaf = Path.GetFileName((name ?? "").Replace('\\', '/').Split('/').LastOrDefault() ?? "");
        var clean = new string(leaf.Where(c => !char.IsControl(c) && c is not ('<' or '>' or '"' or '\'')).ToArray()).Trim().TrimStart('.');
        return clean.Length == 0 ? "image" : clean.Length > 100 ? clean[..100] : clean;
    }

    public async Task<string> SaveAsync(string conversationId, UploadedFile file)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var key = redis.Keys.Conversation(conversationId).Attachment(id);
        var database = await redis.DatabaseAsync();
        var batch = database.CreateBatch();
        var write = batch.HashSetAsync(key, [new("type", file.ContentType), new("name", file.Name), new("data", file.Data)]);
        var expire = batch.KeyExpireAsync(key, options.IdleTtl);
        batch.Execute();
        await Task.WhenAll(write, expire);
        return id;
    }

    public async Task<UploadedFile?> FindAsync(string conversationId, string attachmentId)
    {
        if (!RedisKeys.IsSafeId(attachmentId))
        {
            return null;
        }

        var database = await redis.DatabaseAsync();
        var fields = await database.HashGetAsync(redis.Keys.Conversation(conversationId).Attachment(attachmentId), ["type", "name", "data"]);
        return fields[2].IsNull ? null : new UploadedFile((string)fields[0]!, (string)fields[1]!, (byte[])fields[2]!);
    }
}
