using System.Text.RegularExpressions;

namespace Prelabel.Infra.Tests;

/// <summary>Role definition ids are the built-in roles their comments name, and only the roles the app needs.</summary>
public partial class RoleAssignmentTests
{
    /// <summary>From Microsoft's list of Azure built-in roles (learn.microsoft.com/azure/role-based-access-control/built-in-roles).</summary>
    private static readonly Dictionary<string, string> BuiltInRoles = new()
    {
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",
        ["ba92f5b4-2d11-453d-a403-e96b0029c9fe"] = "Storage Blob Data Contributor",
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor",
        ["c6a89b2d-59bc-44d0-9896-0f6e12d7b80a"] = "Storage Queue Data Message Sender",
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor",
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = "Monitoring Metrics Publisher",
        ["4633458b-17de-408a-b874-0445c86b69e6"] = "Key Vault Secrets User",
    };

    private static IEnumerable<(string File, int Line, string Id, string? Comment)> RoleIds() =>
        Infra.BicepFiles.SelectMany(f => f.Text.Split('\n').Select((text, i) => (f, text, line: i + 1)))
            .SelectMany(x => Guid().Matches(x.text).Select(m =>
            {
                var comment = Comment().Match(x.text[(m.Index + m.Length)..]);
                return (Path.GetFileName(x.f.Path), x.line, m.Groups[1].Value, comment.Success ? comment.Groups[1].Value.Trim() : null);
            }));

    [Fact]
    public void Every_role_id_is_commented_with_the_name_of_its_built_in_role()
    {
        Assert.NotEmpty(RoleIds());
        Assert.All(RoleIds(), r =>
        {
            Assert.True(BuiltInRoles.TryGetValue(r.Id, out var name), $"{r.File}:{r.Line}: {r.Id} is not a role this table knows.");
            Assert.True(name == r.Comment, $"{r.File}:{r.Line}: {r.Id} is {name}, commented '{r.Comment}'.");
        });
    }

    [Fact]
    public void The_roles_are_the_data_roles_the_host_the_code_and_event_grid_need_and_no_management_role()
    {
        string[] needed = ["Storage Blob Data Owner", "Storage Queue Data Contributor", "Storage Table Data Contributor",
            "Monitoring Metrics Publisher", "Key Vault Secrets User", "Storage Queue Data Message Sender"];

        Assert.Equal(needed.Order(), RoleIds().Select(r => BuiltInRoles.GetValueOrDefault(r.Id, r.Id)).Distinct().Order());
    }

    [Fact]
    public void Every_role_assignment_names_a_service_principal_and_a_role_by_subscription_resource_id()
    {
        foreach (var file in Infra.BicepFiles)
        {
            var assignments = Regex.Count(file.Text, @"(?m)^\s*resource \w+ 'Microsoft\.Authorization/roleAssignments@");
            Assert.Equal(assignments, Regex.Count(file.Text, @"principalType: 'ServicePrincipal'"));
            Assert.Equal(assignments, Regex.Count(file.Text, @"roleDefinitionId: subscriptionResourceId\('Microsoft\.Authorization/roleDefinitions', \w+\)"));
        }
    }

    [GeneratedRegex(@"'([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'")]
    private static partial Regex Guid();

    [GeneratedRegex(@"^\s*//\s*(.+)$")]
    private static partial Regex Comment();
}
