using Workflow.Domain.Campaigns;
using Workflow.App.Rectification;

namespace Workflow.App.Campaigns;

/// <summary>A campaign year at one instant, as the status API returns it and the board shows it.</summary>
/// <param name="Version">The orchestrator version the current phase runs on.</param>
/// <param name="Gates">The gates of advancing from the open phase, checked now (empty when no phase is open).</param>
/// <param name="History">Transitions and notifications so far, oldest first.</param>
/// <param name="At">The instant everything here was measured at: the days left, the task statuses, the gates.</param>
/// <param name="WeekendOnlyYears">Years the plan spans whose holidays are not published, counted by weekends (<see cref="CampaignCalendar"/>).</param>
public sealed record CampaignStatus(
    string CountyCode,
    string CountyName,
    int Year,
    string Title,
    string Version,
    bool Completed,
    PhaseView? Current,
    IReadOnlyList<PhaseView> Phases,
    IReadOnlyList<GateCheck> Gates,
    IReadOnlyList<TaskView> Tasks,
    int OpenTasks,
    int OverdueTasks,
    IReadOnlyList<UnclosedRectification> OpenRectifications,
    IReadOnlyList<CampaignTimelineEntry> History,
    DateTimeOffset At,
    IReadOnlyList<int> WeekendOnlyYears)
{
    /// <summary>The phase after the current one, if any.</summary>
    public PhaseView? Next => Current is null ? null : Phases.SkipWhile(p => p.Key != Current.Key).Skip(1).FirstOrDefault();
}

/// <summary>One phase on the timeline: its dates, its state (已结束 / 进行中 / 待启动 / 未开始) and, when open, the days it has left.</summary>
public sealed record PhaseView(string Key, string Name, DateOnly Start, DateOnly End, PhaseState State, DateOnly? EnteredOn, PhaseDaysLeft? DaysLeft);

/// <summary>Where a phase stands in the year.</summary>
public enum PhaseState
{
    /// <summary>未开始.</summary>
    Later,

    /// <summary>待启动: the previous phase is closed; this one waits for its start date or the office's start.</summary>
    AwaitingStart,

    /// <summary>进行中.</summary>
    Open,

    /// <summary>已结束.</summary>
    Closed,
}

/// <summary>A tracked task with its status now, its next due point and its reports.</summary>
public sealed record TaskView(TrackedTask Task, TrackedTaskStatus Status, DuePoint? NextDue, IReadOnlyList<TaskReport> Reports);

public static class PhaseStateText
{
    public static string ChineseName(this PhaseState state) => state switch
    {
        PhaseState.Open => "进行中",
        PhaseState.AwaitingStart => "待启动",
        PhaseState.Closed => "已结束",
        _ => "未开始",
    };
}
