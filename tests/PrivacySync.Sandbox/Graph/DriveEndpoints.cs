using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;

namespace PrivacySync.Sandbox.Graph;

/// <summary>
/// OneDrive: the user's drive, items, children, content (302 to a pre-authenticated download URL, as Graph does)
/// and simple upload by path (PUT .../{parent}:/{name}:/content).
/// </summary>
internal static class DriveEndpoints
{
    private const int DefaultTop = 200;
    private static readonly byte[] DownloadKey = RandomNumberGenerator.GetBytes(32);

    public static void Map(RouteGroupBuilder v1, WebApplication app)
    {
        v1.MapGet("/users/{user}/drive", GetDrive).RequireRoles(Workload.Drive, Roles.FilesRead);
        v1.MapGet("/drives/{drive}/items/{item}", GetItem).RequireRoles(Workload.Drive, Roles.FilesRead);
        v1.MapGet("/drives/{drive}/items/{item}/children", Children).RequireRoles(Workload.Drive, Roles.FilesRead);
        v1.MapGet("/drives/{drive}/items/{item}/content", Content).RequireRoles(Workload.Drive, Roles.FilesRead);
        v1.MapPut("/drives/{drive}/items/{**path}", (HttpContext c, GraphTenant t, string drive, string path) => Upload(c, t, drive, null, path))
            .RequireRoles(Workload.Drive, Roles.FilesWrite);
        v1.MapPut("/users/{user}/drive/{**path}", (HttpContext c, GraphTenant t, string user, string path) => Upload(c, t, null, user, path))
            .RequireRoles(Workload.Drive, Roles.FilesWrite);
        app.MapGet("/sandbox/drive/download/{drive}/{item}", Download);
    }

    private static IResult GetDrive(HttpContext context, GraphTenant tenant, string user)
    {
        lock (tenant.Gate)
        {
            var owner = tenant.FindUser(user);
            if (owner is null)
            {
                return GraphErrors.Error(context, 404, "itemNotFound", "The resource could not be found.");
            }

            return GraphJson.Json(new JObject
            {
                ["id"] = owner.DriveId,
                ["driveType"] = "business",
                ["name"] = "OneDrive",
                ["owner"] = new JObject { ["user"] = new JObject { ["id"] = owner.Id, ["displayName"] = owner.Json["displayName"] } },
            });
        }
    }

    private static IResult GetItem(HttpContext context, GraphTenant tenant, string drive, string item)
    {
        lock (tenant.Gate)
        {
            var found = Find(tenant, drive, item, out _);
            return found is null ? ItemNotFound(context) : GraphJson.Json(found.Json);
        }
    }

    private static IResult Children(HttpContext context, GraphTenant tenant, string drive, string item)
    {
        List<JObject> children;
        lock (tenant.Gate)
        {
            var parent = Find(tenant, drive, item, out var owner);
            if (parent is null)
            {
                return ItemNotFound(context);
            }

            children = owner!.DriveItems.Values.Where(i => i.ParentId == parent.Id)
                .Select(i => WithChildCount(owner, i)).OrderBy(i => (string?)i["name"], StringComparer.OrdinalIgnoreCase).ToList();
        }

        return ODataPage.Respond(context, children, DefaultTop, 1000, directoryPaging: false);
    }

    private static IResult Content(HttpContext context, GraphTenant tenant, string drive, string item)
    {
        lock (tenant.Gate)
        {
            var found = Find(tenant, drive, item, out _);
            if (found?.Content is null)
            {
                return ItemNotFound(context);
            }

            var target = $"/sandbox/drive/download/{drive}/{found.Id}";
            return Results.Redirect($"{ODataPage.Origin(context)}{target}?tempauth={Sign(target)}");
        }
    }

    private static IResult Download(HttpContext context, GraphTenant tenant, string drive, string item, string? tempauth)
    {
        var target = $"/sandbox/drive/download/{drive}/{item}";
        if (tempauth is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(tempauth), Encoding.ASCII.GetBytes(Sign(target))))
        {
            return Results.StatusCode(401);
        }

        lock (tenant.Gate)
        {
            var found = Find(tenant, drive, item, out _);
            return found?.Content is null
                ? Results.NotFound()
                : Results.Bytes(found.Content, (string?)found.Json["file"]?["mimeType"] ?? "application/octet-stream");
        }
    }

    private static async Task<IResult> Upload(HttpContext context, GraphTenant tenant, string? drive, string? user, string path)
    {
        // "{parent}:/{name}:/content" — the parent is an item id or "root".
        var decoded = Uri.UnescapeDataString(path);
        if (!decoded.EndsWith(":/content", StringComparison.Ordinal) || decoded.IndexOf(":/", StringComparison.Ordinal) is var colon && colon <= 0)
        {
            return GraphErrors.BadRequest(context, "invalidRequest", "Expected {parent-id}:/{filename}:/content.");
        }

        var parentRef = decoded[..colon];
        var name = decoded[(colon + 2)..^":/content".Length];
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        lock (tenant.Gate)
        {
            SimulatedUser? owner;
            DriveItemState? parent;
            if (drive is not null)
            {
                parent = Find(tenant, drive, parentRef, out owner);
            }
            else
            {
                owner = tenant.FindUser(user!);
                parent = owner is null ? null : Find(tenant, owner.DriveId, parentRef, out owner);
            }

            if (parent is null || owner is null)
            {
                return ItemNotFound(context);
            }

            return GraphJson.Json(tenant.PutDriveFile(owner.Id, name, buffer.ToArray(), parent.Id), 201);
        }
    }

    private static DriveItemState? Find(GraphTenant tenant, string drive, string item, out SimulatedUser? owner)
    {
        owner = tenant.Users.FirstOrDefault(u => u.DriveId == drive);
        if (owner is null)
        {
            return null;
        }

        return item.Equals("root", StringComparison.OrdinalIgnoreCase)
            ? owner.DriveItems.Values.First(i => i.Json["root"] is not null)
            : owner.DriveItems.GetValueOrDefault(item);
    }

    private static JObject WithChildCount(SimulatedUser owner, DriveItemState item)
    {
        if (item.Json["folder"] is null)
        {
            return item.Json;
        }

        var copy = (JObject)item.Json.DeepClone();
        copy["folder"] = new JObject { ["childCount"] = owner.DriveItems.Values.Count(i => i.ParentId == item.Id) };
        return copy;
    }

    private static string Sign(string target) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(DownloadKey, Encoding.UTF8.GetBytes(target)));

    private static IResult ItemNotFound(HttpContext context) =>
        GraphErrors.Error(context, 404, "itemNotFound", "The resource could not be found.");
}
