using System.Net;

namespace Prelabel.LabelStudio.Client.Tests;

public sealed class AddressPolicyTests
{
    [Theory]
    [InlineData("169.254.169.254", "link-local", true)]
    [InlineData("fe80::1", "link-local", true)]
    [InlineData("::ffff:169.254.169.254", "link-local", true)]
    [InlineData("64:ff9b::a9fe:a9fe", "link-local", true)]
    [InlineData("fd00:ec2::254", "metadata", true)]
    [InlineData("100.100.100.200", "metadata", true)]
    [InlineData("168.63.129.16", "metadata", true)]
    [InlineData("224.0.0.1", "multicast", true)]
    [InlineData("127.0.0.1", "loopback", false)]
    [InlineData("::1", "loopback", false)]
    [InlineData("::ffff:127.0.0.1", "loopback", false)]
    [InlineData("10.1.2.3", "private", false)]
    [InlineData("172.16.0.1", "private", false)]
    [InlineData("172.31.255.255", "private", false)]
    [InlineData("192.168.1.1", "private", false)]
    [InlineData("fc00::1", "private", false)]
    [InlineData("fd12:3456::1", "private", false)]
    [InlineData("100.64.0.1", "carrier-grade NAT", false)]
    [InlineData("100.127.255.255", "carrier-grade NAT", false)]
    [InlineData("0.0.0.0", "unspecified", false)]
    [InlineData("::", "unspecified", false)]
    public void Restricted_addresses_are_classified_with_a_reason(string address, string reason, bool alwaysRefused)
    {
        var verdict = AddressPolicy.Classify(IPAddress.Parse(address));

        Assert.NotNull(verdict);
        Assert.Contains(reason, verdict.Reason);
        Assert.Equal(alwaysRefused, verdict.AlwaysRefused);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void Public_addresses_are_not_restricted(string address)
    {
        Assert.Null(AddressPolicy.Classify(IPAddress.Parse(address)));
    }
}
