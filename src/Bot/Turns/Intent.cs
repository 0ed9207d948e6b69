namespace ServiceBot.Bot.Turns;

/// <summary>What a message asks the bot to do, before any dialog or knowledge search sees it.</summary>
public enum Intent
{
    None,

    // Interruptions: honoured at any point, even in the middle of a dialog.
    Cancel,
    Help,
    Restart,
    Human,
    StopWaiting,

    // Intents that start a dialog when none is running.
    Greeting,
    Thanks,
    AboutBot,
    FileRefund,
    RefundProgress,
    RefundNotReceived,
    ReturnShipment,
    RespondToMerchant,
    WithdrawRequest,
}
