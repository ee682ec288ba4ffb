namespace PartnerPortal.Web.Infrastructure.Operations;

/// <summary>O2: who may create an account on this installation (<c>SignUp:Mode</c>).</summary>
public enum SignUpMode
{
    /// <summary>Nobody signs up: the operator creates each account, and its owner gets the link to take it.</summary>
    Closed,

    /// <summary>The operator invites an owner by email (naming the account, or leaving the name to them); nobody else signs up.</summary>
    Invitation,

    /// <summary>Anyone creates a partner agency or client account with <em>Create an account</em> on the sign-in page.</summary>
    Open,
}

public sealed class SignUpOptions
{
    public SignUpMode Mode { get; set; } = SignUpMode.Closed;
}
