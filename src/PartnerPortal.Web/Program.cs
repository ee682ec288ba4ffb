using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.DataProtection;
using PartnerPortal.Web.Infrastructure.Jobs;
using PartnerPortal.Web.Infrastructure.Mail;
using PartnerPortal.Web.Infrastructure.Operations;
using PartnerPortal.Web.Api;
using PartnerPortal.Web.Infrastructure.Security;

// ExcelDataReader decodes workbooks with Windows code pages, which .NET offers only once they are registered (R26 uploads).
System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

// O5: a setting the app cannot start with ends in one line naming it, exit code 1 (StartupChecks, docs/operations.md).
var jsonLogs = args.Any(a => a.Equals("--Serilog:Format=json", StringComparison.OrdinalIgnoreCase))
    || string.Equals(Environment.GetEnvironmentVariable("Serilog__Format"), "json", StringComparison.OrdinalIgnoreCase);
try
{
    // O4: "migrate", "users …", "accounts …", "backup", "restore", "operators …" run one command and exit (docs/operations.md).
    var operatorCommand = OperatorCommands.IsCommand(args) ? args : null;
    var builder = WebApplication.CreateBuilder(operatorCommand is null ? args.Where(a => a != Startup.SeedDemoSwitch).ToArray() : []);
    jsonLogs = string.Equals(builder.Configuration["Serilog:Format"], "json", StringComparison.OrdinalIgnoreCase);
    var seedDemo = args.Contains(Startup.SeedDemoSwitch) || builder.Configuration.GetValue<bool>("DemoData:Seed");
    // Outside Development the app is served over HTTPS only (Security:HttpsOnly=false turns that off for a plain-HTTP trial).
    var httpsOnly = builder.Configuration.GetValue("Security:HttpsOnly", !builder.Environment.IsDevelopment());

    builder.AddPortalLogging();
    builder.AddPortalDatabase();
    builder.AddPortalTelemetry();
    StartupChecks.PublicUrl(builder.Configuration, builder.Environment);
    StartupChecks.MailFolder(builder.Configuration, builder.Environment);
    builder.Services.AddSingleton(TimeProvider.System);

    builder.Services.AddIdentityCore<PortalUser>(o =>
        {
            // ASVS v5 6.2: length, not composition.
            o.Password.RequiredLength = 8;
            o.Password.RequireDigit = false;
            o.Password.RequireLowercase = false;
            o.Password.RequireUppercase = false;
            o.Password.RequireNonAlphanumeric = false;
            o.Password.RequiredUniqueChars = 1;
            o.Lockout.AllowedForNewUsers = true;
            o.Lockout.MaxFailedAccessAttempts = 5;
            o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            o.User.RequireUniqueEmail = true;
        })
        .AddSignInManager()
        .AddEntityFrameworkStores<PortalDb>()
        .AddDefaultTokenProviders();
    builder.Services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);
    builder.Services.AddScoped<SignInAttempts>();
    builder.Services.AddScoped<OneTimeCodes>();
    builder.Services.AddSingleton<DecoyPassword>();
    // B8: one default scheme that picks the token on the API's addresses and the sign-in cookie everywhere else.
    builder.Services.AddAuthentication(ApiTokenAuthentication.Selector)
        .AddPolicyScheme(ApiTokenAuthentication.Selector, null, o => o.ForwardDefaultSelector = ApiTokenAuthentication.SchemeFor)
        .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null);
    builder.Services.AddAuthentication().AddIdentityCookies();
    builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(
        new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
    builder.Services.AddOpenApi();
    builder.Services.ConfigureApplicationCookie(o =>
    {
        o.LoginPath = "/sign-in";
        o.LogoutPath = "/sign-out";
        o.Cookie.Name = "partnerportal.auth";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = httpsOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        o.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
        o.Events.OnRedirectToAccessDenied = ctx =>
        {
            ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
    });
    builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = httpsOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
    builder.Services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o => o.Cookie.SecurePolicy = httpsOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
    builder.Services.AddAuthorization();
    builder.Services.AddPortalRateLimits(builder.Configuration);

    builder.Services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/SignIn");
            o.Conventions.AllowAnonymousToPage("/Welcome");
            o.Conventions.AllowAnonymousToPage("/SignInTwoFactor");
            o.Conventions.AllowAnonymousToPage("/Error");
        o.Conventions.AllowAnonymousToPage("/Setup");
        o.Conventions.AllowAnonymousToFolder("/SignUp");
        o.Conventions.AllowAnonymousToPage("/ForgotPassword");
        })
        .AddMvcOptions(o =>
        {
            // Validation is FluentValidation's, in the MediatR pipeline; MVC adds no messages of its own.
            o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            o.Filters.Add<RequestGuard>();
            o.ModelBindingMessageProvider.SetAttemptedValueIsInvalidAccessor((_, field) => $"The value given for {field} is not valid.");
            o.ModelBindingMessageProvider.SetValueIsInvalidAccessor(_ => "A value given is not valid.");
            o.ModelBindingMessageProvider.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => "A value given is not valid.");
            o.ModelBindingMessageProvider.SetUnknownValueIsInvalidAccessor(field => $"The value given for {field} is not valid.");
            o.ModelBindingMessageProvider.SetValueMustBeANumberAccessor(field => $"{field} must be a number.");
        })
        // Validation messages come from the server only (no script validation): forms render no hidden
        // placeholders, so the pages need no inline styles (Content-Security-Policy without unsafe-inline).
        .AddViewOptions(o => o.HtmlHelperOptions.ClientValidationEnabled = false);
    builder.Services.AddHttpContextAccessor();
    builder.Services.AddScoped<PublicUrls>();
    builder.Services.AddSingleton(new FirstRun.Console(Console.Out));
    builder.Services.AddSingleton<FirstRun>();
    builder.Services.AddScoped<AccountFounding>();
    builder.Services.AddScoped<ReviewerRoster>();
    builder.Services.AddScoped<PartnerPortal.Web.Pages.PasswordResets>();
    builder.Services.AddOptions<SignUpOptions>().Bind(builder.Configuration.GetSection("SignUp")).ValidateOnStart();
    builder.Services.AddScoped<CurrentUser>();
    builder.Services.AddScoped<ICurrentUser>(p => p.GetRequiredService<CurrentUser>());
    builder.Services.AddScoped<PartnerPortal.Web.Infrastructure.DomainEvents.Operation>();
    builder.Services.AddSingleton<AccessLinkTokens>();
    builder.Services.AddScoped<MailOutbox>();
    builder.Services.AddScoped<NewUsers>();
    builder.Services.AddScoped<PartnerPortal.Web.Pages.Partner.PartnerAccess.Submissions>();
    builder.Services.AddScoped<PartnerPortal.Web.Pages.Review.PartnerAccessModel.Decisions>();
    // Settings are read when the app starts, not at first use: a value not of its type stops it with one line (O5).
    builder.Services.AddOptions<PartnerPortal.Web.Pages.Partner.PartnerAccess.PartnerAccessOptions>().Bind(builder.Configuration.GetSection("PartnerAccess")).ValidateOnStart();
    builder.Services.AddScoped<OutboxDispatcher>();
    builder.Services.AddScoped<RelationshipEnder>();
    builder.Services.AddScoped<AccessExpiry>();
    builder.Services.AddScoped<AuditRetention>();
    builder.Services.AddScoped<AccessReviewSchedule>();
    builder.Services.AddScoped<PartnerPortal.Web.Pages.Partner.ClientAccessManager.RemovePartnerEmployees.Planner>();
    builder.Services.AddScoped<PartnerPortal.Web.Pages.Partner.Offboarding>();
    builder.Services.AddOptions<MailOptions>().Bind(builder.Configuration.GetSection("Mail")).ValidateOnStart();
    if (builder.Configuration.GetValue("Jobs:Enabled", true))
    {
        builder.Services.AddHostedService<RelationshipEndingJob>();
        builder.Services.AddHostedService<OutboxJob>();
        builder.Services.AddHostedService<AccessExpiryJob>();
        builder.Services.AddHostedService<AuditRetentionJob>();
        builder.Services.AddHostedService<IdempotencyRetentionJob>();
        builder.Services.AddHostedService<SqliteStatistics>();
        builder.Services.AddHostedService<PartnerFiguresRebuildJob>();
    }
    // Keys live in the database: every instance on it shares them, and they survive restarts (sessions, antiforgery, sealed access links).
    builder.Services.AddDataProtection().SetApplicationName("PartnerPortal").PersistKeysToDbContext<PortalDb>();
    builder.Services.AddMediation();
    builder.Services.AddHealthChecks().AddDbContextCheck<PortalDb>(tags: ["ready"]).AddCheck<OperationsHealthCheck>("jobs and mail", tags: ["ready"]);

    var app = builder.Build();
    app.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate(); // before the database is touched

    if (operatorCommand is not null)
    {
        if (OperatorCommands.Migrates(operatorCommand)) await app.PrepareDatabaseAsync(seedDemo: false, serving: false);
        Environment.ExitCode = await OperatorCommands.RunAsync(app.Services, operatorCommand, Console.In, Console.Out);
        return;
    }
    await app.PrepareDatabaseAsync(seedDemo);

    app.UsePortalRequestLogging();
    app.UseMiddleware<SecurityHeaders>();
    // An exception is a 500, except when the database cannot be reached: 503, the same page, to be tried again.
    app.UseExceptionHandler(new ExceptionHandlerOptions
    {
        ExceptionHandlingPath = "/error",
        // A request Kestrel cannot read (a body over its limit) keeps its own status (413, 400).
        StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode
            : DatabaseErrors.IsUnavailable(ex) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
    });
    if (httpsOnly)
    {
        app.UseHsts();
        app.UseHttpsRedirection();
    }
    // The API answers problems of its own (application/problem+json); the pages' status pages are for browsers.
    app.UseWhen(context => !ApiTokenAuthentication.IsApi(context.Request.Path), branch => branch.UseStatusCodePagesWithReExecute("/error/{0}"));
    app.UseStaticFiles();
    app.UseRouting();
    app.UseRateLimiter();
    app.UseAuthentication();
    app.UseUnavailableWhenSessionsCannotBeChecked();
    app.UseTwoFactorEnrolment();
    app.UseMiddleware<RouteLogContext>();
    app.UseAuthorization();

    app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
    app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthReports.WriteAsync });
    app.MapPortalMetrics();
    app.MapRazorPages();
    app.MapOpenApi();
    app.MapPortalApi();

    app.OfferFirstRunWhenStarted(jsonLogs);
    app.PrintBannerWhenStarted(demo: seedDemo || app.Environment.IsDevelopment(), json: jsonLogs);
    await app.RunAsync();
}
catch (Exception e) when (StartupProblemException.Explain(e) is { } problem)
{
    Environment.ExitCode = StartupProblemException.Report(problem, jsonLogs, Console.Error);
}

public partial class Program;
