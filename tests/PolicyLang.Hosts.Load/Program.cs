// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

// Usage: dotnet run --project tests/PolicyLang.Hosts.Load -c Release -- URL [RATE] [SECONDS] [SERVER_PID]
// Sends RATE AdmissionReviews per second for SECONDS to URL (a loopback address), prints the figures, and exits 1
// when any answer was an error or the wrong decision. tests/PolicyLang.Hosts.Tests/Load/run-load.sh starts a host.
using System.Globalization;
using PolicyLang.Hosts.Load;

if (args.Length is 0 or > 4)
{
    Console.Error.WriteLine("usage: PolicyLang.Hosts.Load URL [RATE] [SECONDS] [SERVER_PID]");
    return 2;
}

var options = new LoadOptions
{
    Target = new Uri(args[0]),
    Rate = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000,
    Duration = TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30),
    ServerPid = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0,
};

// Enough threads at once for the requests in flight on a 2-core machine (the pool grows slowly otherwise).
ThreadPool.SetMinThreads(32, 32);
var report = await LoadGenerator.RunAsync(options);
Console.WriteLine(report.Format());
return report.Errors > 0 || report.WrongDecisions > 0 ? 1 : 0;
