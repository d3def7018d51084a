"""The wizard's pages: one thin view per ``portwizard.flow.Step``."""
from portwizard.flow import Step
from portwizard.gui.pages.account import AccountPage
from portwizard.gui.pages.address import AddressPage
from portwizard.gui.pages.carrier import CarrierPage, UnlockPage
from portwizard.gui.pages.documents import DocumentsPage
from portwizard.gui.pages.numbers import NumbersPage
from portwizard.gui.pages.review import ReviewPage
from portwizard.gui.pages.submit import SubmitPage
from portwizard.gui.pages.target import TargetPage

PAGE_CLASSES = {
    Step.NUMBERS: NumbersPage, Step.CARRIER: CarrierPage, Step.UNLOCK: UnlockPage,
    Step.TARGET: TargetPage, Step.ACCOUNT: AccountPage, Step.ADDRESS: AddressPage,
    Step.DOCUMENTS: DocumentsPage, Step.REVIEW: ReviewPage, Step.SUBMIT: SubmitPage,
}
