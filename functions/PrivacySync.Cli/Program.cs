using PrivacySync.Cli;

return await CliApp.RunAsync(args);
