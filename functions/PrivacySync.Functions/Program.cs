using PrivacySync.Functions.Cli;

return await CliApp.RunAsync(args);
