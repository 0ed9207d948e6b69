using Microsoft.Extensions.Options;

namespace ServiceBot.Bot.Hosting;

/// <summary>Validates options by a function that lists what is wrong, so a failed start names every problem.</summary>
public sealed class ProblemsValidator<T>(Func<T, IEnumerable<string>> problems) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var found = problems(options).ToList();
        return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
    }
}
