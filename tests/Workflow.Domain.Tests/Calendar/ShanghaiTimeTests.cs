using Workflow.Domain.Calendar;

namespace Workflow.Domain.Tests.Calendar;

public class ShanghaiTimeTests
{
    [Fact]
    public void TheChinaDateChangesAtSixteenHundredUtc()
    {
        Assert.Equal(new DateOnly(2020, 6, 30), ShanghaiTime.DateOf(new DateTimeOffset(2020, 6, 30, 15, 59, 59, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2020, 7, 1), ShanghaiTime.DateOf(new DateTimeOffset(2020, 6, 30, 16, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void ADayStartsAtMidnightBeijingTime()
    {
        var start = ShanghaiTime.StartOf(new DateOnly(2020, 7, 1));

        Assert.Equal(TimeSpan.FromHours(8), start.Offset);
        Assert.Equal(new DateTimeOffset(2020, 6, 30, 16, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateOnly(2020, 7, 1), ShanghaiTime.DateOf(start));
    }
}
