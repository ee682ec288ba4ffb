using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PartnerPortal.Web.Infrastructure;

namespace PartnerPortal.Web.Tests;

/// <summary>
/// The names a newcomer relies on to find their way in a slice (docs/architecture.md, "Names in a slice"; issue 24):
/// a read is <c>Query</c> or ends in <c>Query</c>, a change is <c>Command</c> or a verb and runs as an <see cref="ICommand"/> (or says
/// with <see cref="OwnTransactionAttribute"/> why it keeps its own transaction),
/// every request answers a <see cref="Result{T}"/>, and its handler and validator are named after it.
/// A failure names every type that breaks the convention, so that one run shows all of them.
/// </summary>
public sealed class ConventionTests
{
    private static readonly Type[] WebTypes = typeof(Program).Assembly.GetTypes();

    private static IEnumerable<(Type Implementation, Type Request)> Implementations(Type openInterface) =>
        from t in WebTypes
        where t is { IsClass: true, IsAbstract: false } && !t.IsGenericTypeDefinition
        from i in t.GetInterfaces()
        where i.IsGenericType && i.GetGenericTypeDefinition() == openInterface
        select (t, i.GetGenericArguments()[0]);

    private static readonly Type[] Requests = [.. WebTypes.Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }
        && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)))];

    [Fact]
    public void The_slices_hold_requests_handlers_and_validators_for_the_convention_to_check()
    {
        // Guards the checks below against passing on nothing (a renamed namespace or a moved assembly).
        var handled = Implementations(typeof(IRequestHandler<,>)).Select(h => h.Request).ToHashSet();
        Assert.True(Requests.Length > 100, $"{Requests.Length} requests found");
        Assert.Empty(Requests.Where(r => !handled.Contains(r)).Select(r => r.FullName));
        Assert.Contains(WebTypes, t => t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(AbstractValidator<>));
    }

    [Fact]
    public void Every_handler_is_named_after_the_request_it_answers()
    {
        var wrong = Implementations(typeof(IRequestHandler<,>))
            .Where(h => h.Implementation.Name != h.Request.Name + "Handler")
            .Select(h => $"{h.Implementation.FullName} answers {h.Request.Name}: name it {h.Request.Name}Handler")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public void Every_validator_is_named_after_the_request_it_checks_and_sits_beside_it()
    {
        var wrong = WebTypes
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(AbstractValidator<>))
            .Select(t => (Validator: t, Request: t.BaseType!.GetGenericArguments()[0]))
            .Where(v => v.Validator.Name != v.Request.Name + "Validator" || v.Validator.DeclaringType != v.Request.DeclaringType)
            .Select(v => $"{v.Validator.FullName} checks {v.Request.FullName}: name it {v.Request.Name}Validator, in the same slice")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public void Every_validator_is_registered_for_its_request_so_the_pipeline_runs_it()
    {
        var services = new ServiceCollection().AddMediation();
        var registered = services.Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IValidator<>))
            .Select(d => (d.ServiceType.GetGenericArguments()[0], d.ImplementationType)).ToHashSet();
        var missing = WebTypes
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(AbstractValidator<>))
            .Where(v => !registered.Contains((v.BaseType!.GetGenericArguments()[0], v)))
            .Select(v => v.FullName)
            .ToList();
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
        Assert.All(services.Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IValidator<>)),
            d => Assert.Equal(ServiceLifetime.Singleton, d.Lifetime));
    }

    [Fact]
    public void A_validator_is_built_once_so_it_depends_on_nothing_a_request_owns()
    {
        // Singletons: a validator that took the database, the current user or anything scoped would keep the first request's.
        var wrong = WebTypes
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IValidator).IsAssignableFrom(t))
            .SelectMany(v => v.GetConstructors().SelectMany(c => c.GetParameters())
                .Where(p => !(p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(Microsoft.Extensions.Options.IOptions<>)))
                .Select(p => $"{v.FullName} takes {p.ParameterType.Name} {p.Name}: a validator may take options only"))
            .ToList();
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public void A_read_is_named_a_query_and_a_change_is_a_command_or_a_verb_never_both()
    {
        var wrong = new List<string>();
        foreach (var request in Requests)
        {
            var command = typeof(ICommand).IsAssignableFrom(request);
            var ownTransaction = request.GetCustomAttributes(typeof(OwnTransactionAttribute), inherit: false).Length > 0;
            var name = request.Name;
            if (request.GetCustomAttributes(typeof(OwnTransactionAttribute), inherit: false) is [OwnTransactionAttribute { Reason: var reason }] && string.IsNullOrWhiteSpace(reason))
                wrong.Add($"{request.FullName} keeps its own transaction without saying why");
            if (command && ownTransaction)
                wrong.Add($"{request.FullName} is an ICommand and says it keeps its own transaction: it is one or the other");
            if ((command || ownTransaction) && name.EndsWith("Query", StringComparison.Ordinal))
                wrong.Add($"{request.FullName} changes state but is named a query");
            if (!command && !ownTransaction && !name.EndsWith("Query", StringComparison.Ordinal))
                wrong.Add($"{request.FullName} is not an ICommand: name it Query or …Query if it only reads; if it changes state, make it an ICommand or say why not with [OwnTransaction]");
            if (name != "Command" && name.EndsWith("Command", StringComparison.Ordinal))
                wrong.Add($"{request.FullName}: a change is Command or a verb, without the Command suffix");
        }
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public void Every_request_answers_a_result_so_that_pages_show_refusals_one_way()
    {
        var wrong = Requests
            .Select(r => (Request: r, Response: r.GetInterfaces().First(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)).GetGenericArguments()[0]))
            .Where(r => !(r.Response.IsGenericType && r.Response.GetGenericTypeDefinition() == typeof(Result<>)))
            .Select(r => $"{r.Request.FullName} answers {r.Response.Name}, not Result<T>")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    /// <summary>
    /// docs/pages.md takes a reader from a page to its tests in one hop (issue 24); it is written by scripts/page-tests.py,
    /// and a page added without running it again fails here. The routes are read from the compiled pages.
    /// </summary>
    [Fact]
    public void Every_page_is_in_the_map_of_pages_to_their_tests()
    {
        var routes = typeof(Program).Assembly.GetCustomAttributes<Microsoft.AspNetCore.Razor.Hosting.RazorCompiledItemMetadataAttribute>()
            .Concat(WebTypes.SelectMany(t => t.GetCustomAttributes<Microsoft.AspNetCore.Razor.Hosting.RazorCompiledItemMetadataAttribute>()))
            .Where(a => a.Key == "RouteTemplate").Select(a => a.Value.Length == 0 ? "/" : a.Value).Distinct().ToList();
        Assert.True(routes.Count > 60, $"{routes.Count} page routes found");
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "PartnerPortal.sln"))) folder = folder.Parent;
        Assert.NotNull(folder);
        var map = File.ReadAllText(Path.Combine(folder.FullName, "docs", "pages.md"));
        var missing = routes.Where(r => !map.Contains($"| `{r}` |", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"Not in docs/pages.md (run scripts/page-tests.py): {string.Join(", ", missing)}");
    }
}
