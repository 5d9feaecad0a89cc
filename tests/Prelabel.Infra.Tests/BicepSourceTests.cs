namespace Prelabel.Infra.Tests;

/// <summary>The reader the other tests rely on finds what it should and reports what is broken.</summary>
public class BicepSourceTests
{
    private static BicepSource Read(string text) => new("test.bicep", text);

    [Fact]
    public void Brackets_colons_and_slashes_in_strings_and_comments_do_not_count()
    {
        var source = Read("""
            // a comment with { and [
            var url = 'https://example.com/{x}' /* ) */
            var o = {
              a: 'b: c'
            }
            """);

        Assert.Empty(source.Errors);
        Assert.Equal(["url", "o"], source.Declarations.Select(d => d.Name));
        Assert.Equal("a", Assert.Single(source.VarObject("o")).Key);
    }

    [Fact]
    public void A_bracket_closed_by_the_wrong_kind_or_never_closed_is_reported_with_its_line()
    {
        var wrong = Read("var a = [\n  1\n}\n");
        var open = Read("var a = {\n  b: (1\n}\n");

        Assert.Contains(wrong.Errors, e => e.StartsWith("line 3: '}' closes '[' of line 1"));
        Assert.Contains(open.Errors, e => e.StartsWith("line 2: '(' never closed") || e.StartsWith("line 3: '}' closes '('"));
    }

    [Fact]
    public void A_string_left_open_at_the_end_of_its_line_is_reported()
    {
        Assert.Contains(Read("var a = 'abc\nvar b = 1\n").Errors, e => e.StartsWith("line 1: string not closed"));
    }

    [Fact]
    public void Interpolated_expressions_stay_code_and_escaped_quotes_stay_string()
    {
        var source = Read("""
            var a = '${storage.outputs.blobEndpoint}deploy'
            var b = 'it\'s ${format('{0}', x)} here'
            """);

        Assert.Empty(source.Errors);
        Assert.Contains("storage.outputs.blobEndpoint", source.Code);
        Assert.Contains("format(", source.Code);
        Assert.DoesNotContain("deploy", source.Code);
    }

    [Fact]
    public void Object_entries_are_one_level_of_keys_with_their_values_without_comments()
    {
        var source = Read("""
            var settings = {
              A: 'x' // why
              'b-c': {
                inner: 1
              }
              D: cond ? 'y' : 'z'
            }
            """);

        Assert.Equal([("A", "'x'"), ("b-c", "{"), ("D", "cond ? 'y' : 'z'")], source.VarObject("settings").Select(e => (e.Key, e.Value)));
    }

    [Fact]
    public void A_parameter_without_a_default_or_a_nullable_type_is_required()
    {
        var source = Read("""
            @description('x')
            param a string
            param b string = ''
            param c int?
            param d string[]
            @secure()
            param e object = {
              f: 1
            }
            """);

        Assert.Equal([("a", true), ("b", false), ("c", false), ("d", true), ("e", false)], source.Parameters.Select(p => (p.Name, p.Required)));
    }

    [Fact]
    public void A_module_call_gives_its_path_and_parameters()
    {
        var source = Read("""
            module app 'modules/app.bicep' = {
              name: 'app'
              dependsOn: [ other ]
              params: {
                name: 'x'
                tags: union(tags, { a: 'b' })
              }
            }
            """);

        var call = Assert.Single(source.Modules);
        Assert.Equal(("app", "modules/app.bicep"), (call.Name, call.Path));
        Assert.Equal(["name", "tags"], call.Parameters.Select(p => p.Key));
        Assert.Equal("'x'", call.Value("name"));
    }
}
