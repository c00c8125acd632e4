# Models arrive with the referral capability (clients, consents, referrals, follow-ups).
