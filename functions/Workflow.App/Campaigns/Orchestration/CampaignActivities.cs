namespace Workflow.App.Campaigns.Orchestration;

/// <summary>The names the campaign activities are registered under.</summary>
public static class CampaignActivities
{
    public const string EnterPhase = "CampaignEnterPhase";
    public const string ReviewTasks = "CampaignReviewTasks";
    public const string RemindPhaseEnd = "CampaignRemindPhaseEnd";
    public const string RecordAdvance = "CampaignRecordAdvance";
    public const string CheckGates = "CampaignCheckGates";
    public const string RecordRefusedAdvance = "CampaignRecordRefusedAdvance";
}
