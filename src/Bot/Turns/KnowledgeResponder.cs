using ServiceBot.Handoff.Activities;
using ServiceBot.Bot.Answers;
using ServiceBot.Bot.Dialogs;
using ServiceBot.Knowledge;
using ServiceBot.Knowledge.Loading;
using ServiceBot.Knowledge.Search;

namespace ServiceBot.Bot.Turns;

/// <summary>Answers from the knowledge base inside a conversation: answer, "did you mean", or honest fallback.</summary>
public sealed class KnowledgeResponder(Func<KnowledgeBase?> knowledge) : IDigressionRecognizer
{
    public PolicyValues Policy => knowledge()?.Policy ?? PolicyValues.Empty;

    /// <summary>Evidence upload limits from the live policy file (an edit applies from the next message).</summary>
    public (int Images, long Bytes) UploadLimits => (Policy.GetInt("upload_max_images", 6), Policy.GetInt("upload_max_mb", 10) * 1024L * 1024L);

    /// <summary>Answers a question (no dialog running). Clarify choices are remembered for "2" next turn.</summary>
    public void Respond(TurnContext turn)
    {
        if (knowledge() is not { } kb)
        {
            turn.Send(turn.T("KnowledgeUnavailable"));
            return;
        }

        var reply = KnowledgeReply.From(kb.Search(turn.Text, turn.Locale, previousEntryId: turn.State.LastAnswer), kb);
        Send(turn, reply);
    }

    /// <summary>Answers entry <paramref name="id"/> directly (a "did you mean" choice was picked).</summary>
    public bool RespondWithEntry(TurnContext turn, string id)
    {
        if (knowledge() is not { } kb || kb.Find(id, turn.Locale) is not { } entry)
        {
            return false;
        }

        var answer = kb.Answer(id, turn.Locale)!;
        turn.State.LastAnswer = id;
        var followups = entry.Followups.Select(f => kb.Find(f, turn.Locale)).Where(e => e is not null).Select(e => new CardAction(e!.Question, e.Question)).ToList();
        turn.State.ClarifyChoices.Clear();
        turn.Send(answer.Markdown, followups);
        return true;
    }

    /// <summary>
    /// During a dialog: if the message the dialog did not understand is a question the knowledge base answers
    /// confidently, answer it and return true (the dialog then repeats its question).
    /// </summary>
    public bool TryAnswer(TurnContext turn)
    {
        if (turn.Text.Length < 2 || turn.Text.All(c => char.IsAsciiDigit(c) || char.IsWhiteSpace(c) || c is '.' or '-') || knowledge() is not { } kb)
        {
            return false;
        }

        var result = kb.Search(turn.Text, turn.Locale);
        if (result.Outcome != SearchOutcome.Answer)
        {
            return false;
        }

        turn.Send(result.Top!.Answer.Markdown);
        return true;
    }

    private static void Send(TurnContext turn, KnowledgeReply reply)
    {
        turn.State.ClarifyChoices.Clear();
        turn.State.Fallbacks = reply.Result.Outcome == SearchOutcome.Fallback ? turn.State.Fallbacks + 1 : 0;
        turn.State.LastAnswer = reply.Result.Outcome == SearchOutcome.Answer ? reply.Result.Top!.Entry.Id : turn.State.LastAnswer;
        var actions = reply.Suggestions.Select(s => new CardAction(s.Question, s.Question)).ToList();
        switch (reply.Result.Outcome)
        {
            case SearchOutcome.Clarify:
                turn.State.ClarifyChoices.AddRange(reply.Suggestions.Select(s => s.Id));
                turn.Send(reply.Markdown, actions);
                break;
            case SearchOutcome.Fallback:
                turn.Send(reply.Markdown, [new CardAction(turn.T("ActionHuman"), turn.T("ActionHuman"))]);
                break;
            default:
                turn.Send(reply.Markdown, actions);
                break;
        }
    }
}
