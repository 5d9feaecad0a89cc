using System.Text.Json.Nodes;

namespace Prelabel.Infra.Tests;

/// <summary>main.bicep's app settings: every setting the code reads is deployed or documented as local-only.</summary>
public class AppSettingsTests
{
    [Fact]
    public void Every_setting_the_code_reads_is_an_app_setting_or_documented_as_local_only()
    {
        var deployed = Infra.AppSettings.Keys.Concat(Infra.LocalOnlySettings.Keys).ToHashSet();

        Assert.NotEmpty(Infra.SettingsRead());
        Assert.Equal([], Infra.SettingsRead().Where(s => !deployed.Contains(s)));
    }

    [Fact]
    public void Local_only_settings_are_read_by_the_code_left_out_of_the_deployment_and_say_why()
    {
        var read = Infra.SettingsRead().ToHashSet();

        Assert.All(Infra.LocalOnlySettings, s =>
        {
            Assert.True(read.Contains(s.Key), $"{s.Key} is listed as local-only but the code does not read it.");
            Assert.False(Infra.AppSettings.ContainsKey(s.Key), $"{s.Key} is listed as local-only but main.bicep sets it.");
            Assert.True(s.Value.Length > 20, $"{s.Key}: say why it stays local.");
        });
    }

    [Fact]
    public void Every_setting_the_code_reads_is_in_local_settings_sample()
    {
        var sample = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("local.settings.sample.json")))!["Values"]!.AsObject();

        Assert.Equal([], Infra.SettingsRead().Where(s => !sample.ContainsKey(s)));
        Assert.Equal("dotnet-isolated", (string?)sample["FUNCTIONS_WORKER_RUNTIME"]);
    }

    [Fact]
    public void Every_deployed_setting_of_prelabel_is_one_the_code_reads()
    {
        // Azure's own settings (host storage, the IMAGES connection, Application Insights) are read by the host and SDKs,
        // MALLOC_ by glibc.
        var azure = new[] { "AzureWebJobsStorage__", "IMAGES__", "APPLICATIONINSIGHTS_", "MALLOC_" };
        var read = Infra.SettingsRead().ToHashSet();

        Assert.Equal([], Infra.AppSettings.Keys.Where(k => !azure.Any(k.StartsWith) && !read.Contains(k)));
    }

    [Fact]
    public void Storage_connections_use_the_user_assigned_identity_and_no_key()
    {
        var settings = Infra.AppSettings;

        Assert.Equal("storage.outputs.name", settings["AzureWebJobsStorage__accountName"]);
        Assert.Equal("storage.outputs.blobEndpoint", settings["IMAGES__blobServiceUri"]);
        Assert.Equal("storage.outputs.queueEndpoint", settings["IMAGES__queueServiceUri"]);
        foreach (var connection in new[] { "AzureWebJobsStorage", "IMAGES" })
        {
            Assert.Equal("'managedidentity'", settings[$"{connection}__credential"]);
            Assert.Equal("identity.properties.clientId", settings[$"{connection}__clientId"]);
            Assert.False(settings.ContainsKey(connection), $"{connection} as a connection string would need a key.");
        }

        Assert.DoesNotContain("AccountKey", Infra.Main.Text);
        // The one key read is the Functions host's own, for Event Grid's webhook; never a storage account's.
        var keysRead = Infra.BicepFiles.SelectMany(f => System.Text.RegularExpressions.Regex.Matches(f.Code, @"listKeys\([^)]*\)").Select(m => (Path.GetFileName(f.Path), f.Text.Substring(m.Index, m.Length))));
        Assert.Equal([("blob-trigger.bicep", "listKeys('${app.id}/host/default', '2024-04-01')")], keysRead);
    }

    [Fact]
    public void Secrets_are_key_vault_references_resolved_with_the_identity()
    {
        var settings = Infra.AppSettings;

        Assert.Equal("'@Microsoft.KeyVault(SecretUri=${keyVault.outputs.labelStudioApiKeySecretUri})'", settings["LABEL_STUDIO_API_KEY"]);
        Assert.EndsWith("'@Microsoft.KeyVault(SecretUri=${keyVault.outputs.basicAuthPassSecretUri})'", settings["BASIC_AUTH_PASS"]);
        Assert.Contains("keyVaultReferenceIdentity: identityId", Infra.Module("app").Code);
    }

    [Fact]
    public void Basic_auth_is_on_whenever_a_user_is_given_with_the_password_kept_in_key_vault()
    {
        // A deployment without the password keeps the stored one; with none stored the reference stays unresolved and
        // the app refuses to start (BasicAuthTests), so basic auth never silently turns off.
        Assert.Equal("basicAuthUser", Infra.AppSettings["BASIC_AUTH_USER"]);
        Assert.StartsWith("empty(basicAuthUser) ? ''", Infra.AppSettings["BASIC_AUTH_PASS"]);
    }

    [Fact]
    public void Application_insights_telemetry_is_sent_as_the_identity()
    {
        Assert.Equal("monitoring.outputs.connectionString", Infra.AppSettings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.Equal("'ClientId=${identity.properties.clientId};Authorization=AAD'", Infra.AppSettings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }

    [Fact]
    public void Settings_flex_consumption_refuses_are_not_set()
    {
        string[] refused = ["FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE",
            "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_CONTENTSHARE", "WEBSITE_NODE_DEFAULT_VERSION"];

        Assert.Equal([], Infra.AppSettings.Keys.Intersect(refused));
    }

    [Fact]
    public void A_setting_taken_from_a_parameter_or_variable_names_one_main_bicep_declares()
    {
        var declared = Infra.Main.Declarations.Where(d => d.Kind is "param" or "var" or "resource" or "module").Select(d => d.Name).ToHashSet();
        var roots = Infra.AppSettings.Values.Where(v => !v.StartsWith('\'')).Select(v => v.Split('.', '(', ' ')[0]);

        Assert.Equal([], roots.Where(r => r is not ("empty" or "string") && !declared.Contains(r)).Distinct());
        Assert.Equal("importRoutes", Infra.AppSettings["IMPORT_ROUTES"]);
        Assert.Contains(Infra.Main.Parameters, p => p.Name == "importRoutes");
    }
}
