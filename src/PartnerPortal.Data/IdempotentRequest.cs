namespace PartnerPortal.Data;

/// <summary>
/// B8: a POST to the API sent with an <c>Idempotency-Key</c>, and the answer it got. The first request with a key takes the row;
/// a repeat (also one that arrives while the first is still running) gets the first answer, never a second change.
/// </summary>
public class IdempotentRequest
{
    private IdempotentRequest() { }

    public IdempotentRequest(Guid tokenId, string key, string fingerprint, DateTimeOffset now)
    {
        TokenId = tokenId;
        Key = key;
        Fingerprint = fingerprint;
        CreatedAt = now;
    }

    public Guid TokenId { get; private set; }
    public string Key { get; private set; } = "";

    /// <summary>The SHA-256 of the request (its address and input): the same key with another request is refused.</summary>
    public string Fingerprint { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Null while the first request runs.</summary>
    public int? Status { get; private set; }

    public string? ContentType { get; private set; }
    public byte[]? Body { get; private set; }

    public void Answered(int status, string? contentType, byte[] body)
    {
        Status = status;
        ContentType = contentType;
        Body = body;
    }
}
