namespace Workflow.App.Exits.Orchestration;

/// <summary>How an objection reaches its review round (异议复核).</summary>
public enum ObjectionArrival
{
    /// <summary>Filed while the notice ran: it pauses the notice and opens a review.</summary>
    PausesNotice,

    /// <summary>Filed while a review was open: it joins that review, whose link the township already has.</summary>
    JoinsReview,

    /// <summary>Filed as a review was decided, too late for the reviewer to see it: it gets a review of its own.</summary>
    Unseen,
}
