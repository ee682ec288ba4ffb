using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PartnerPortal.Web.Api;

/// <summary>
/// B8: <c>Idempotency-Key</c> on every POST of the API. The first request with a key (per token) inserts its row and runs; its
/// answer is kept; a repeat gets that answer again, marked <c>Idempotent-Replayed: true</c> — also when 20 arrive at once:
/// the others wait for the first one's answer rather than run. The same key with another request is refused (422). A request
/// that fails with an error keeps no row, so that it can be sent again.
/// </summary>
public sealed class Idempotency(TimeProvider clock) : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int KeyLength = 100;

    /// <summary>How long a key is remembered: a repeat after that is a new request (the answer's rows go hourly, <see cref="ForgetOldAsync"/>).</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(24);

    /// <summary>How long a repeat waits for the first request's answer before it is told to try again.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        string? key = http.Request.Headers[Header];
        if (!HttpMethods.IsPost(http.Request.Method) || string.IsNullOrEmpty(key)) return await next(context);
        if (key.Length > KeyLength || key.Any(char.IsControl))
            return ApiResults.Problem(StatusCodes.Status400BadRequest, "Bad Idempotency-Key", $"An Idempotency-Key is 1 to {KeyLength} printable characters.");
        var token = http.RequestServices.GetRequiredService<ICurrentUser>().Token
            ?? throw new InvalidOperationException("The API's endpoints are reached with a token only.");
        var fingerprint = Fingerprint(http, context.Arguments);

        // The bookkeeping has a database context of its own: the handler's keeps its own unit of work and transaction.
        using var scope = http.RequestServices.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDb>();
        if (!await TryTakeAsync(db, token.TokenId, key, fingerprint, http.RequestAborted))
            return await ReplayAsync(db, token.TokenId, key, fingerprint, http);

        var original = http.Response.Body;
        await using var buffer = new MemoryStream();
        try
        {
            var result = await next(context);
            http.Response.Body = buffer;
            if (result is IResult answer) await answer.ExecuteAsync(http);
            else if (result is not null) await TypedResults.Ok(result).ExecuteAsync(http);
        }
        catch
        {
            await db.IdempotentRequests.Where(r => r.TokenId == token.TokenId && r.Key == key).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }
        finally
        {
            http.Response.Body = original;
        }
        var body = buffer.ToArray();
        await db.IdempotentRequests.Where(r => r.TokenId == token.TokenId && r.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, http.Response.StatusCode).SetProperty(r => r.ContentType, http.Response.ContentType)
                .SetProperty(r => r.Body, body), CancellationToken.None);
        await original.WriteAsync(body, http.RequestAborted);
        return Results.Empty;
    }

    /// <summary>Forgets the keys older than <see cref="KeptFor"/>, in one statement (the rows' CreatedAt index).</summary>
    public static Task<int> ForgetOldAsync(PortalDb db, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cutoff = now - KeptFor;
        return db.IdempotentRequests.Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
    }

    private async Task<bool> TryTakeAsync(PortalDb db, Guid tokenId, string key, string fingerprint, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await db.IdempotentRequests.AnyAsync(r => r.TokenId == tokenId && r.Key == key, ct)) return false;
            db.IdempotentRequests.Add(new IdempotentRequest(tokenId, key, fingerprint, clock.GetUtcNow()));
            try
            {
                await db.SaveChangesAsync(ct);
                return true;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Another request took the key meanwhile (its unique key, whichever database says so), or the database was busy:
                // look again — the row is there if it was taken.
                db.ChangeTracker.Clear();
            }
        }
    }

    private static async Task<IResult> ReplayAsync(PortalDb db, Guid tokenId, string key, string fingerprint, HttpContext http)
    {
        var until = DateTime.UtcNow + Wait;
        while (true)
        {
            var first = await db.IdempotentRequests.AsNoTracking().SingleOrDefaultAsync(r => r.TokenId == tokenId && r.Key == key, http.RequestAborted);
            if (first is not null && first.Fingerprint != fingerprint)
                return ApiResults.Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                    "That Idempotency-Key was sent before with another request: use a new key for a new request.");
            if (first is { Status: { } status })
            {
                http.Response.Headers[ReplayedHeader] = "true";
                http.Response.StatusCode = status;
                return Results.Bytes(first.Body ?? [], first.ContentType);
            }
            if (DateTime.UtcNow >= until)
                return ApiResults.Problem(StatusCodes.Status409Conflict, "Still running", "The first request with that Idempotency-Key has not finished: ask again shortly.");
            // Gone (the first one failed and let its key go) or still running: look again shortly.
            if (first is null) return ApiResults.Problem(StatusCodes.Status409Conflict, "Try again", "The first request with that Idempotency-Key failed: send it again.");
            await Task.Delay(TimeSpan.FromMilliseconds(50), http.RequestAborted);
        }
    }

    /// <summary>The request as the endpoint read it: method, address and its bound input (not the services it was given).</summary>
    private static string Fingerprint(HttpContext http, IList<object?> arguments)
    {
        var input = arguments.Where(a => a is null or string or long or int or Guid || a.GetType().Namespace == typeof(ApiContract).Namespace || a.GetType().DeclaringType == typeof(ApiContract));
        var text = $"{http.Request.Method} {http.Request.Path}{http.Request.QueryString} {JsonSerializer.Serialize(input.ToList())}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
