using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Bot.Conversations;
using ServiceBot.Bot.Dialogs;
using ServiceBot.Bot.Dialogs.Prompts;
using ServiceBot.Bot.Tests.Conversations;
using ServiceBot.Bot.Turns;
using ServiceBot.Handoff.Activities;

namespace ServiceBot.Bot.Tests.Dialogs;

/// <summary>The dialog engine answers digressions only through the recognizer its host plugs in.</summary>
public sealed class DigressionTests
{
    [Fact]
    public async Task A_digression_the_recognizer_answers_repeats_the_question_without_counting_an_attempt()
    {
        await using var bot = TestBot.Create(StoreKind.Memory);
        var recognizer = new AnswersQuestions();
        var state = new ConversationState();
        await BeginAsync(bot, state, recognizer);

        // Three questions in a row would end a prompt of three attempts; as digressions they do not.
        for (var i = 0; i < 3; i++)
        {
            var turn = await ContinueAsync(bot, state, recognizer, "by the way, how long does a refund take?");
            Assert.Equal(["digression answered", "Sure?"], turn.Replies.Select(r => r.Text));
            Assert.Null(turn.Escalation);
        }

        Assert.Equal(3, recognizer.Calls);
        Assert.Single(state.Stack);
    }

    [Fact]
    public async Task Without_a_recognizer_the_same_messages_are_failed_attempts()
    {
        await using var bot = TestBot.Create(StoreKind.Memory);
        var state = new ConversationState();
        await BeginAsync(bot, state, digressions: null);

        TurnContext? last = null;
        for (var i = 0; i < 3; i++)
        {
            last = await ContinueAsync(bot, state, null, "by the way, how long does a refund take?");
        }

        Assert.NotNull(last!.Escalation); // the third failed answer hands over to a person
        Assert.Empty(state.Stack);
    }

    private static readonly DialogSet Dialogs = new DialogSet().Add(new ConfirmPrompt("sure"));

    private static Task<DialogTurnResult> BeginAsync(TestBot bot, ConversationState state, IDigressionRecognizer? digressions) =>
        new DialogContext(Dialogs, state.Stack, Turn(bot, state, ""), digressions).BeginDialogAsync("sure", new PromptOptions { Prompt = "Sure?" });

    private static async Task<TurnContext> ContinueAsync(TestBot bot, ConversationState state, IDigressionRecognizer? digressions, string text)
    {
        var turn = Turn(bot, state, text);
        await new DialogContext(Dialogs, state.Stack, turn, digressions).ContinueDialogAsync();
        return turn;
    }

    private static TurnContext Turn(TestBot bot, ConversationState state, string text) =>
        new(bot.Message(text), bot.ConversationId, bot.CustomerId, state, bot.Services.GetRequiredService<TurnServices>());

    private sealed class AnswersQuestions : IDigressionRecognizer
    {
        public int Calls { get; private set; }

        public bool TryAnswer(TurnContext turn)
        {
            Calls++;
            turn.Send("digression answered");
            return turn.Text.EndsWith('?');
        }
    }
}
