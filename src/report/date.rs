//! The report date (报告日期): read once by the caller (the CLI) and handed
//! to every renderer, which never reads the clock itself.

/// The report date: `--date` when given, else `ZHIZAO_REPORT_DATE` when set
/// (for reproducible output), else today in the machine's time zone (a
/// report made at 07:30 in Quanzhou carries that day, not yesterday's UTC
/// date). A `--date` that is not a calendar date is an error.
pub fn report_date_from(arg: Option<&str>) -> Result<String, String> {
    if let Some(d) = arg {
        return chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
            .map(|d| d.format("%Y-%m-%d").to_string())
            .map_err(|_| d.to_string());
    }
    Ok(report_date())
}

/// The report date without `--date`: `ZHIZAO_REPORT_DATE`, else today's
/// local date.
pub fn report_date() -> String {
    if let Ok(d) = std::env::var("ZHIZAO_REPORT_DATE") {
        let d = d.trim();
        if !d.is_empty() {
            return d.to_string();
        }
    }
    chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}
