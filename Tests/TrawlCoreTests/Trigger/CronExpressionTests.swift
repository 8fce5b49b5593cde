import Testing
import TrawlCore

@Suite struct CronExpressionTests {
    static let nicknames = "@annually, @daily, @hourly, @midnight, @monthly, @weekly, @yearly"

    @Test(arguments: [
        // Classic 5-field form.
        ("* * * * *", "* * * * *"), ("0 9 * * 1-5", "0 9 * * 1-5"), ("0 9 * * MON-FRI", "0 9 * * 1-5"),
        ("*/15 * * * *", "*/15 * * * *"), ("0-30/10 * * * *", "0-30/10 * * * *"), ("5/20 * * * *", "5/20 * * * *"),
        ("1,2,3,10 * * * *", "1-3,10 * * * *"), ("7,3 * * * *", "3,7 * * * *"), ("0 0 1 jan,Jul *", "0 0 1 1,7 *"),
        ("0 0 1 JAN-mar *", "0 0 1 1-3 *"), ("0 0 L * *", "0 0 L * *"), ("0 0 1,l * *", "0 0 1,L * *"),
        ("0 0 ? * SUN", "0 0 * * 0"), ("0 0 * * 7", "0 0 * * 0"), ("0 0 * * 0,7", "0 0 * * 0"),
        ("0 0 * * 0-7", "0 0 * * *"), ("0 0 * * 5-7", "0 0 * * 0,5,6"), ("0 0 1-31 * *", "0 0 * * *"),
        ("0 0 1-31,L * *", "0 0 * * *"), ("0 0 */2 * *", "0 0 */2 * *"), ("0 */12 * * *", "0 0,12 * * *"),
        ("0 0 * * */2", "0 0 * * */2"), ("0 0 * * sat,Sun", "0 0 * * 0,6"),
        ("  0   9\t* * *  ", "0 9 * * *"), ("0 0\n* * *", "0 0 * * *"),
        ("10-50/20 * * * *", "10/20 * * * *"), ("0 0 * * 1/2", "0 0 * * 0,1,3,5"),
        ("0 0 * */6 *", "0 0 * 1,7 *"), ("0 0 * */4 *", "0 0 * */4 *"),
        // Quartz 6-field form: seconds first, day-of-week 1 = Sunday.
        ("0 0 12 * * ?", "0 12 * * *"), ("30 0 12 * * ?", "30 0 12 * * *"), ("0 0 12 ? * 2-6", "0 12 * * 1-5"),
        ("0 0 12 ? * MON-FRI", "0 12 * * 1-5"), ("*/5 * * * * ?", "*/5 * * * * *"), ("0 0 0 ? * */2", "0 0 * * */2"),
        ("0 0 0 ? * 1,7", "0 0 * * 0,6"), ("0 0 0 L * ?", "0 0 L * *"),
        // Quartz 7-field form with a year.
        ("0 0 0 1 1 ? 2030", "0 0 0 1 1 * 2030"), ("0 0 0 1 1 ? 2030-2040/5", "0 0 0 1 1 * 2030-2040/5"),
        ("0 0 0 1 1 ? *", "0 0 1 1 *"), ("0 0 0 1 1 ? 1970-2099", "0 0 1 1 *"),
        ("0 0 0 * * ? 2030,2031", "0 0 0 * * * 2030,2031"),
        // Nicknames.
        ("@yearly", "0 0 1 1 *"), ("@annually", "0 0 1 1 *"), ("@monthly", "0 0 1 * *"), ("@weekly", "0 0 * * 0"),
        ("@daily", "0 0 * * *"), ("@midnight", "0 0 * * *"), ("@hourly", "0 * * * *"), ("@HOURLY", "0 * * * *"),
    ])
    func parsesAndNormalises(text: String, normalised: String) throws {
        let cron = try CronExpression(text)
        #expect(cron.description == normalised)
        // The normalised form means the same schedule.
        #expect(try CronExpression(normalised) == cron)
    }

    @Test func equalityIgnoresSpellingAndDialect() throws {
        #expect(try CronExpression("0 9 * * MON-FRI") == CronExpression("0 0 9 ? * 2-6"))
        #expect(try CronExpression("@daily") == CronExpression("0 0 0 * * ? *"))
        #expect(try CronExpression("@midnight") == CronExpression("0 0 * * *"))
        #expect(try CronExpression("0 0 * * 7") == CronExpression("0 0 0 ? * SUN"))
        #expect(try CronExpression("0 9 * * 1") != CronExpression("0 0 9 ? * 1"))
        #expect(try CronExpression("0 0 * * *") != CronExpression("0 0 0 * * ? 2030"))
    }

    @Test(arguments: [
        ("", "the cron expression is empty"),
        ("   ", "the cron expression is empty"),
        ("* * * *", "expected 5, 6 or 7 fields separated by whitespace but found 4"),
        ("* * * * * * * *", "expected 5, 6 or 7 fields separated by whitespace but found 8"),
        ("0 24 * * *", "field 2 (hour): 24 is out of range 0-23"),
        ("60 * * * *", "field 1 (minute): 60 is out of range 0-59"),
        ("60 * * * * ?", "field 1 (second): 60 is out of range 0-59"),
        ("0 0 24 * * ?", "field 3 (hour): 24 is out of range 0-23"),
        ("0 0 0 32 * ?", "field 4 (day-of-month): 32 is out of range 1-31"),
        ("0 0 0 0 * ?", "field 4 (day-of-month): 0 is out of range 1-31"),
        ("0 0 0 * 13 ?", "field 5 (month): 13 is out of range 1-12"),
        ("0 0 * * 8", "field 5 (day-of-week): 8 is out of range 0-7"),
        ("0 0 0 ? * 0", "field 6 (day-of-week): 0 is out of range 1-7"),
        ("0 0 0 ? * 8", "field 6 (day-of-week): 8 is out of range 1-7"),
        ("0 0 1 1 * 2030", "field 6 (day-of-week): 2030 is out of range 1-7"),
        ("0 0 0 1 1 ? 1969", "field 7 (year): 1969 is out of range 1970-2099"),
        ("0 0 0 1 1 ? 2100", "field 7 (year): 2100 is out of range 1970-2099"),
        ("99999999999 * * * *", "field 1 (minute): 99999999999 is out of range 0-59"),
        ("*/0 * * * *", "field 1 (minute): bad step '0' in '*/0': expected a whole number from 1 to 60"),
        ("0 */x * * *", "field 2 (hour): bad step 'x' in '*/x': expected a whole number from 1 to 24"),
        ("0 1-5/25 * * *", "field 2 (hour): bad step '25' in '1-5/25': expected a whole number from 1 to 24"),
        ("0 0 0 1 1 ? */", "field 7 (year): bad step '' in '*/': expected a whole number from 1 to 130"),
        ("1/2/3 * * * *", "field 1 (minute): bad step in '1/2/3': only one '/' is allowed"),
        ("1,,2 * * * *", "field 1 (minute): empty item in list '1,,2'"),
        ("0 1, * * *", "field 2 (hour): empty item in list '1,'"),
        ("-5 * * * *", "field 1 (minute): missing value in '-5'"),
        ("5- * * * *", "field 1 (minute): missing value in '5-'"),
        ("5-2 * * * *", "field 1 (minute): range 5-2 runs backwards; write the smaller value first"),
        ("0 0 * * FRI-MON", "field 5 (day-of-week): range 5-1 runs backwards; write the smaller value first"),
        ("1-2-3 * * * *", "field 1 (minute): bad range '1-2-3': expected the form a-b"),
        ("0 0 * FOO *", "field 4 (month): 'FOO' is not a number or month name"),
        ("0 0 * JAN-MON *", "field 4 (month): 'MON' is not a number or month name"),
        ("0 0 * * FUNDAY", "field 5 (day-of-week): 'FUNDAY' is not a number or day name"),
        ("0 0 JAN * *", "field 3 (day-of-month): 'JAN' is not a number"),
        ("+5 * * * *", "field 1 (minute): '+5' is not a number"),
        ("? * * * *", "field 1 (minute): '?' is only allowed in day-of-month and day-of-week"),
        ("0 0 0 1 1 ? ?", "field 7 (year): '?' is only allowed in day-of-month and day-of-week"),
        ("0 0 1,? * *", "field 3 (day-of-month): '?' must stand alone, not in a list"),
        ("0 L * * *", "field 2 (hour): 'L' (last day of the month) is only allowed in day-of-month"),
        ("0 0 * * L", "field 5 (day-of-week): 'L' (last day of the month) is only allowed in day-of-month"),
        ("0 0 L-2 * *", "field 3 (day-of-month): 'L' is not a number"),
        ("@reboot", "unknown nickname '@reboot'; expected one of \(Self.nicknames)"),
        ("@daily 5", "unknown nickname '@daily 5'; expected one of \(Self.nicknames)"),
    ])
    func refuses(text: String, message: String) {
        #expect(throws: CronError(message: message)) { try CronExpression(text) }
    }

    @Test func errorDescribesItselfByItsMessage() {
        let error = CronError(message: "field 2 (hour): 24 is out of range 0-23")
        #expect(error.description == error.message)
        #expect("\(error)" == "field 2 (hour): 24 is out of range 0-23")
    }
}
