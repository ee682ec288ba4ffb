using System.Collections;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace PartnerPortal.Web.Tests;

/// <summary>One handler of one page: its route template, HTTP method, handler name and every field it binds.</summary>
public sealed record PageHandler(string Template, string Method, string? Name, IReadOnlyList<Field> Fields)
{
    /// <summary>"POST {hubId:long}/partner/client-access-manager/access-link?handler=Reset".</summary>
    public string Key => $"{Method} {Template}{(Name is null ? "" : $"?handler={Name}")}";

    public IReadOnlyList<string> RouteParameters =>
        [.. System.Text.RegularExpressions.Regex.Matches(Template, @"\{(\w+)").Select(m => m.Groups[1].Value)];
}

/// <summary>A value a request carries: its name in the form or query string and the type it is read into.</summary>
public sealed record Field(string Name, Type Type);

/// <summary>Every page handler the running app serves, read from the app itself, so that a new page or handler is found by the tests that go through all of them.</summary>
public static class EndpointTable
{
    public static async Task<IReadOnlyList<PageHandler>> HandlersAsync(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var loader = services.GetRequiredService<PageLoader>();
        var pages = services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<PageActionDescriptor>()
            .Where(p => p.AttributeRouteInfo?.Template is not null)
            .GroupBy(p => p.AttributeRouteInfo!.Template!).Select(g => g.First());
        var handlers = new List<PageHandler>();
        foreach (var page in pages)
        {
            var compiled = await loader.LoadAsync(page, Microsoft.AspNetCore.Http.EndpointMetadataCollection.Empty);
            var template = page.AttributeRouteInfo!.Template!;
            var bound = compiled.BoundProperties.SelectMany(p => Expand(p.BindingInfo?.BinderModelName ?? p.Name, p.ParameterType)).ToList();
            foreach (var handler in compiled.HandlerMethods)
            {
                var parameters = handler.Parameters.Where(p => p.ParameterType != typeof(CancellationToken) && !template.Contains("{" + p.Name, StringComparison.Ordinal))
                    .SelectMany(p => Expand(p.BindingInfo?.BinderModelName ?? p.Name, p.ParameterType));
                handlers.Add(new PageHandler(template.Length == 0 ? "/" : template, handler.HttpMethod.ToUpperInvariant(), handler.Name, [.. bound, .. parameters]));
            }
        }
        return handlers;
    }

    /// <summary>A bound object ("Data") is bound field by field ("Data.Email").</summary>
    private static IEnumerable<Field> Expand(string name, Type type)
    {
        if (IsSimple(type) || IsList(type)) return [new Field(name, type)];
        return type.GetProperties().Where(p => p.CanWrite && (IsSimple(p.PropertyType) || IsList(p.PropertyType)))
            .Select(p => new Field($"{name}.{p.Name}", p.PropertyType));
    }

    private static bool IsList(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(Guid) || t == typeof(decimal) || t == typeof(DateTimeOffset);
    }

    /// <summary>The element type of a list field, or the type itself.</summary>
    public static Type ScalarOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.IsArray) return type.GetElementType()!;
        var inner = type.IsGenericType && IsList(type) ? type.GetGenericArguments()[0] : type;
        return Nullable.GetUnderlyingType(inner) ?? inner;
    }
}
