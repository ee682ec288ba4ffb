namespace PartnerPortal.Web.Infrastructure;

/// <summary>A message about one field of the request (its property path, e.g. "EmployeeIds[0]"), or about the whole request when Field is empty.</summary>
public sealed record FieldError(string Field, string Message);
