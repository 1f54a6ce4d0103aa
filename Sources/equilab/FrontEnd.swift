import Session

/// INTEGRATION POINT: the one function that decides which front end drives a run started by `equilab` or
/// `equilab SESSION`.
///
/// Until the TUI lands this runs the headless reporter. The integrator replaces the body with
/// `TUI.Workbench(controller: controller).run()` (falling back to `Headless` when `plain` is set or stdout is
/// not a terminal). It never returns: the front end exits the process with an `ExitStatus` code.
func openFrontEnd(controller: any RunController, plain: Bool = false) -> Never {
    Headless(controller: controller, plain: plain).run()
}
