using System.Text;
using Microsoft.AspNetCore.Identity;
using PartnerPortal.Web.Infrastructure.Security;
using QRCoder;

namespace PartnerPortal.Web.Pages.Profile;

/// <summary>
/// B7: your two-factor sign-in. Set up an authenticator app (the key and a QR code), verify a code to turn it on, keep the
/// recovery codes shown once; new recovery codes; turn it off unless an account you belong to requires it.
/// </summary>
public class TwoFactorModel(IMediator mediator) : PageModel
{
    public const int RecoveryCodeCount = 10;

    [BindProperty(Name = "code")] public string? Code { get; set; }

    /// <summary>B7: turning two-factor off or making new recovery codes asks again who you are: your password or a current code.</summary>
    [BindProperty(Name = "proof")] public string? Proof { get; set; }

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public Model? View { get; private set; }

    /// <summary>Recovery codes, shown once: right after turning two-factor on or making new ones.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public Task<IActionResult> OnGetAsync() => this.ShowPageAsync(mediator, new Query(), view => View = view);

    /// <summary>Set up an authenticator app: a new key (any earlier, unverified one stops working).</summary>
    public async Task<IActionResult> OnPostStartAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new Change(Change.Kind.NewKey), ct);
        if (!result.Succeeded) return this.FailureResult(result) ?? await OnGetAsync();
        return RedirectToPage(new { ReturnUrl });
    }

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new Change(Change.Kind.Enable, Code ?? ""), ct);
        if (!result.Succeeded)
        {
            if (this.FailureResult(result) is { } failure) return failure;
            return await OnGetAsync();
        }
        RecoveryCodes = result.Value.Codes;
        return await OnGetAsync();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new ProvenChange(ProvenChange.Kind.NewRecoveryCodes, Proof ?? ""), ct);
        if (!result.Succeeded) return this.FailureResult(result) ?? await OnGetAsync();
        RecoveryCodes = result.Value.Codes;
        return await OnGetAsync();
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        var result = await mediator.Send(new ProvenChange(ProvenChange.Kind.Disable, Proof ?? ""), ct);
        if (!result.Succeeded) return this.FailureResult(result) ?? await OnGetAsync();
        this.Flash("Two-factor sign-in is off. You sign in with your password alone.");
        return RedirectToPage();
    }

    [NotAccountScoped("Your own sign-in, not an account's.")]
    public sealed record Query : IRequest<Result<Model>>;

    /// <param name="Key">The authenticator key being set up (not yet verified), grouped by four; null when none or when on.</param>
    /// <param name="QrCode">The key as a QR code (a PNG data URI) for the app to scan.</param>
    /// <param name="RequiredBy">The accounts you belong to that require two-factor sign-in (a few).</param>
    public sealed record Model(string Email, bool Enabled, string? Key, string? QrCode, int RecoveryCodesLeft, IReadOnlyList<string> RequiredBy);

    public sealed class QueryHandler(UserManager<PortalUser> users, ICurrentUser me, PortalDb db) : IRequestHandler<Query, Result<Model>>
    {
        public async Task<Result<Model>> Handle(Query request, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(me.UserId.ToString());
            if (user is null) return Failure.NotFound;
            var requiredBy = await TwoFactorRules.RequiredByAsync(db, me.UserId, cancellationToken);
            if (user.TwoFactorEnabled)
                return new Model(user.Email!, true, null, null, await users.CountRecoveryCodesAsync(user), requiredBy);
            var key = await users.GetAuthenticatorKeyAsync(user);
            return new Model(user.Email!, false, key is null ? null : Grouped(key), key is null ? null : QrCodeOf(user.Email!, key), 0, requiredBy);
        }

        private static string Grouped(string key)
        {
            var text = new StringBuilder();
            for (var i = 0; i < key.Length; i += 4) text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
            return text.ToString().TrimEnd().ToLowerInvariant();
        }

        private static string QrCodeOf(string email, string key)
        {
            var uri = $"otpauth://totp/{Uri.EscapeDataString(TwoFactorRules.Issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(TwoFactorRules.Issuer)}&digits=6";
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
            return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
        }
    }

    /// <summary>Recovery codes just made (none for changes that make none).</summary>
    public sealed record NewCodes(IReadOnlyList<string> Codes);

    /// <summary>A change of your own two-factor sign-in; the answer carries new recovery codes when there are some.</summary>
    [NotAccountScoped("Your own sign-in, not an account's.")]
    public sealed record Change(Change.Kind What, string Code = "") : ICommand<Result<NewCodes>>
    {
        public enum Kind { NewKey, Enable }
    }

    /// <summary>
    /// B7: a change that weakens or renews your second factor, made only after you prove again who you are (your password, or a
    /// current authenticator code, which is then used up).
    /// </summary>
    [NotAccountScoped("Your own sign-in, not an account's.")]
    [OwnTransaction("A wrong proof must keep the lockout attempt it took (a transaction would give it back), as the sign-in does.")]
    public sealed record ProvenChange(ProvenChange.Kind What, string Proof) : IRequest<Result<NewCodes>>
    {
        public enum Kind { NewRecoveryCodes, Disable }
    }

    public const string ProveItIsYou = "Enter your password or the code your authenticator app shows now; nothing was changed.";

    public sealed class ProvenChangeValidator : AbstractValidator<ProvenChange>
    {
        public ProvenChangeValidator() => RuleFor(c => c.Proof).MaximumLength(200).WithMessage("That is too long for a password or a code.");
    }

    public sealed class ChangeValidator : AbstractValidator<Change>
    {
        public ChangeValidator()
        {
            RuleFor(c => c.Code).NotEmpty().WithMessage("Enter the 6-digit code your authenticator app shows.").When(c => c.What == Change.Kind.Enable);
            RuleFor(c => c.Code).MaximumLength(50).WithMessage("A code has at most 50 characters.");
        }
    }

    public sealed class ChangeHandler(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, ICurrentUser me, OneTimeCodes oneTimeCodes)
        : IRequestHandler<Change, Result<NewCodes>>
    {
        public async Task<Result<NewCodes>> Handle(Change request, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(me.UserId.ToString());
            if (user is null) return Failure.NotFound;
            IReadOnlyList<string> codes = [];
            switch (request.What)
            {
                case Change.Kind.NewKey:
                    if (user.TwoFactorEnabled) return Failure.Refused("Two-factor sign-in is already on. Turn it off first to set up another app.");
                    await users.ResetAuthenticatorKeyAsync(user);
                    break;
                case Change.Kind.Enable:
                    if (user.TwoFactorEnabled) return Failure.Refused("Two-factor sign-in is already on.");
                    if (await users.GetAuthenticatorKeyAsync(user) is null) return Failure.Refused("Set up an authenticator app first.");
                    var code = new string(request.Code.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
                    if (!await oneTimeCodes.TryUseAsync(user, code, cancellationToken)) // used up: it cannot sign in afterwards
                        return Failure.Refused("That code is not correct. Enter the 6-digit code your authenticator app shows now; nothing was changed.");
                    await users.SetTwoFactorEnabledAsync(user, true);
                    codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
                    break;
            }
            // The changes above renew the security stamp, which ends every session (SessionValidation): this one goes on.
            await signIn.SignInAsync(user, isPersistent: false);
            return new NewCodes(codes);
        }
    }

    public sealed class ProvenChangeHandler(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, ICurrentUser me, PortalDb db,
        SignInAttempts attempts, OneTimeCodes oneTimeCodes) : IRequestHandler<ProvenChange, Result<NewCodes>>
    {
        public async Task<Result<NewCodes>> Handle(ProvenChange request, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(me.UserId.ToString());
            if (user is null) return Failure.NotFound;
            if (!user.TwoFactorEnabled)
                return request.What == ProvenChange.Kind.Disable ? new NewCodes([]) : Failure.Refused("Turn two-factor sign-in on first.");
            var requiredBy = request.What == ProvenChange.Kind.Disable ? await TwoFactorRules.RequiredByAsync(db, me.UserId, cancellationToken) : [];
            if (requiredBy.Count > 0) return Failure.Refused($"{requiredBy[0]} requires two-factor sign-in for every user, so it stays on.");
            // As at sign-in: an attempt is taken before the proof is checked, and given back only when it was right.
            if (!await attempts.TryTakeAsync(user, cancellationToken)) return Failure.Refused(SignInModel.NotSignedIn);
            var proof = request.Proof.Trim();
            var proven = proof.Length > 0 && (proof.Length == 6 && proof.All(char.IsAsciiDigit)
                ? await oneTimeCodes.TryUseAsync(user, proof, cancellationToken)
                : await users.CheckPasswordAsync(user, request.Proof));
            if (!proven) return Failure.Refused(ProveItIsYou);
            await attempts.GiveBackAsync(user, cancellationToken);
            user = await users.FindByIdAsync(me.UserId.ToString()) ?? throw new InvalidOperationException("The signed-in user does not exist.");
            IReadOnlyList<string> codes = [];
            if (request.What == ProvenChange.Kind.NewRecoveryCodes)
            {
                codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!.ToList();
            }
            else
            {
                await users.SetTwoFactorEnabledAsync(user, false);
                await users.ResetAuthenticatorKeyAsync(user);
            }
            // The changes renew the security stamp, which ends every other session (SessionValidation): this one goes on.
            await signIn.SignInAsync(user, isPersistent: false);
            return new NewCodes(codes);
        }
    }
}
