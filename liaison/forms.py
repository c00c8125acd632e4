from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template import loader
from django.utils.translation import gettext_lazy as _

from jobs.mail import mail_later
from liaison import formfields, limits
from liaison.formfields import capped_password
from liaison.models import AgencyUnit, Installation, StaffMembership, User


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    password = capped_password(AuthenticationForm.base_fields["password"])

    def clean_username(self):
        return User.objects.normalize_email(self.cleaned_data["username"])


class _AgencyUnitField:
    """Limit the unit choices to the agency's own units: another agency's unit is not a choice."""

    def limit_units(self, agency):
        self.fields["unit"].queryset = AgencyUnit.objects.for_agency(agency).filter(is_active=True)
        self.fields["unit"].empty_label = "— no unit —"


class StaffAddForm(_AgencyUnitField, formfields.ModelForm):
    email = forms.EmailField(label="Email address")
    full_name = forms.CharField(label="Full name", max_length=150)

    class Meta:
        model = StaffMembership
        fields = ["role", "unit", "title", "liaison_hours_per_week"]

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_units(agency)
        self.order_fields(["full_name", "email"])

    def clean_email(self):
        return User.objects.normalize_email(self.cleaned_data["email"])


class StaffEditForm(_AgencyUnitField, formfields.ModelForm):
    class Meta:
        model = StaffMembership
        fields = [
            "role",
            "unit",
            "title",
            "liaison_hours_per_week",
            "job_description",
            "is_active",
        ]
        labels = {"is_active": "Active (can sign in to this agency)"}

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_units(agency)


class UnitForm(formfields.ModelForm):
    class Meta:
        model = AgencyUnit
        fields = ["name", "level", "description", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = AgencyUnit.objects.for_agency(self.agency).filter(name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("Your agency already has a unit with this name.")
        return name


class InstallationForm(formfields.ModelForm):
    class Meta:
        model = Installation
        exclude = ["updated_at"]
        widgets = {
            "privacy": forms.Textarea(attrs={"rows": 5}),
            "accessibility": forms.Textarea(attrs={"rows": 5}),
        }


class AcceptInvitationForm(formfields.Form):
    """A new account for someone invited by email: a leader invited to keep a listing, or a
    person invited to an agency's staff."""

    full_name = forms.CharField(label=_("Your name"), max_length=150)
    password1 = forms.CharField(
        label=_("Choose a password"),
        max_length=limits.PASSWORD,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters. A few words you will remember work well."),
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        max_length=limits.PASSWORD,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        one, two = cleaned.get("password1"), cleaned.get("password2")
        if one and two and one != two:
            self.add_error("password2", _("The two passwords are not the same."))
        elif one:
            try:
                password_validation.validate_password(
                    one, User(email=self.email, full_name=cleaned.get("full_name", ""))
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the mail written in the request and sent by the task
    queue: the answer comes as fast whether or not the account exists."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        mail_later(subject, body, [to_email], from_email=from_email)
