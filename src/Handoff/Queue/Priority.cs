namespace ServiceBot.Handoff.Queue;

/// <summary>Priority bands, served in this order (lower value first); within a band, the longest waiting first.</summary>
public enum Priority
{
    Complaint = 0,
    Intervention = 1,
    Overdue = 2,
    Other = 3,
}
