package io.homeward.casemodel.security;

/**
 * A created account with its one-time password, which the account must replace at first login.
 *
 * @param user never null
 * @param oneTimePassword shown to the administrator once; never stored in clear, never logged
 */
public record NewAccount(User user, String oneTimePassword) {
    @Override
    public String toString() {
        return "NewAccount[user=" + user + "]";
    }
}
