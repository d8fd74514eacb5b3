namespace Workflow.App.Identity;

/// <summary>A demo user of the development sign-in: a name, the role it signs in with, and that role as the office calls it.</summary>
public sealed record DemoUser(string Name, string Role, string RoleName)
{
    /// <summary>What the form posts: "name|role", as scripts and tests sign in.</summary>
    public string Value => $"{Name}|{Role}";
}
