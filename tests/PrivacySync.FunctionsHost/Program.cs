using PrivacySync.FunctionsHost;

// dotnet PrivacySync.FunctionsHost.dll --app <publish folder> [--port 7071] [--function-key K] [--master-key K]
return await HostCommand.RunAsync(args);
