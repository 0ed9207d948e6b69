using System.Text;
using ServiceBot.Bot.Cli;

Console.InputEncoding = Encoding.UTF8;
Console.OutputEncoding = Encoding.UTF8;
return await BotCli.RunAsync(args, ConsoleIo.System);
