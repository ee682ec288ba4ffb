// What nearly every slice imports (a page's model, its requests, their validators and handlers, the database and the
// domain), in one place rather than at the top of a hundred files.
global using FluentValidation;
global using MediatR;
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.AspNetCore.Mvc.RazorPages;
global using Microsoft.EntityFrameworkCore;
global using PartnerPortal.Data;
global using PartnerPortal.Domain;
global using PartnerPortal.Web.Infrastructure;
global using PartnerPortal.Web.Infrastructure.Authorization;
