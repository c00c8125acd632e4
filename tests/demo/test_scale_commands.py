from django.core.management import call_command

from groups.models import Meeting, SelfHelpGroup
from referrals.models import FollowUp, Referral


def test_seed_scale_creates_what_it_says_and_the_benchmark_runs(db, capsys):
    call_command("seed_scale", groups=30, meetings=60, referrals=40, visits=20, events=10)
    assert SelfHelpGroup.objects.filter(slug__startswith="scale-").count() == 30
    assert Meeting.objects.filter(slug__startswith="scale-m").count() == 60
    assert Referral.objects.count() == 40
    assert FollowUp.objects.count() == 120
    call_command("seed_scale")  # a second run changes nothing
    assert SelfHelpGroup.objects.filter(slug__startswith="scale-").count() == 30
    call_command("benchmark", runs=2)
    out = capsys.readouterr().out
    assert "| /dashboard/ (12 months, counted) |" in out
    assert "| /dashboard/ (12 months, kept) |" in out
    assert "| /api/hsds/services |" in out
