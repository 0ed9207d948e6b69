using ServiceBot.Bot.Turns;

namespace ServiceBot.Bot.Dialogs;

/// <summary>
/// What the host plugs into the dialog engine to answer a message a prompt did not understand (a question asked
/// mid-dialog: "退款多久到账" while the bot waits for an amount). The engine knows nothing of where answers come from.
/// </summary>
public interface IDigressionRecognizer
{
    /// <summary>Answers the turn's message and returns true when it was a digression; false leaves the turn untouched.</summary>
    bool TryAnswer(TurnContext turn);
}
